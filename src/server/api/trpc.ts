import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import { DomainError, refuse } from "@/core/errors";
import { RESTRICTION_REFUSALS } from "@/core/accounts/session-gate";
import { englishRefusal } from "@/lib/errors/english";
import { zodRefusal } from "@/lib/errors/zod";
import type { WireRefusal } from "@/lib/errors/refusal";
import { TooManyAttempts } from "@/server/services/attempt-guard";
import type { Context } from "./context";

/** What a client is told of an error the app did not expect (the server logs the rest). */
const INTERNAL_ERROR_MESSAGE = "Something went wrong on the server";

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    // Stack traces stay in the server's logs, in development too: a client never needs one, and
    // an unexpected error's own message may quote SQL or a file path.
    const { stack: _stack, ...data } = shape.data;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    // The stable code and parameters the browser translates; the message is its English sentence.
    const refusal: WireRefusal | null = zod
      ? zodRefusal(zod)
      : error.cause instanceof DomainError
        ? error.cause.toData()
        : null;
    return {
      ...shape,
      message: refusal ? englishRefusal(refusal) : internal ? INTERNAL_ERROR_MESSAGE : shape.message,
      data: {
        ...data,
        refusal,
        zodError: zod ? z.flattenError(zod) : null,
        // How long a throttled sign-in or code check must wait (services/attempt-guard.ts).
        retryAfterSeconds: error.cause instanceof TooManyAttempts ? error.cause.retryAfterSeconds : null,
      },
    };
  },
});

/** The one place where domain errors become tRPC codes; anything unknown stays a 500. */
function toTRPCError(error: unknown): unknown {
  const cause = error instanceof TRPCError ? error.cause : error;
  return cause instanceof DomainError
    ? new TRPCError({ code: cause.code, message: cause.message, cause })
    : error;
}

const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error);
    if (mapped !== result.error) throw mapped;
  }
  return result;
});

/** Subscriptions fail inside their generator, after the middleware: map their errors too. */
export async function* mapStreamErrors<T>(stream: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* stream;
  } catch (error) {
    throw toTRPCError(error);
  }
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors);

/**
 * Any signed-in session, including a restricted one (one-time password to change, 2FA to enrol):
 * only for the few procedures that complete those steps.
 */
export const sessionProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = ctx.refreshSession ? await ctx.refreshSession() : ctx.session;
  if (!session) throw toTRPCError(refuse("SIGN_IN"));
  return next({ ctx: { ...ctx, session } });
});

/** A signed-in session with nothing left to set up: what every feature requires. */
export const authedProcedure = sessionProcedure.use(({ ctx, next }) => {
  const restriction = ctx.session.restriction;
  if (restriction) throw toTRPCError(refuse(RESTRICTION_REFUSALS[restriction]));
  return next();
});
