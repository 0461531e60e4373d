import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import { DomainError } from "@/core/errors";
import type { Context } from "./context";

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      // A readable sentence instead of the JSON dump of the issues.
      message: zod ? zod.issues.map((i) => issueText(i)).join("; ") : shape.message,
      data: { ...shape.data, zodError: zod ? z.flattenError(zod) : null },
    };
  },
});

function issueText(issue: z.core.$ZodIssue): string {
  return issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
}

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

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return next({ ctx: { ...ctx, session: ctx.session } });
});
