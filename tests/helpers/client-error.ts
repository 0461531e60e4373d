import type { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { appRouter } from "@/server/api/root";

/** The error as a client would receive it: code, and message after the app's error formatter. */
export async function clientError(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const e = error as TRPCError;
    const shape = getErrorShape({
      config: appRouter._def._config,
      error: e,
      type: "mutation",
      path: "x",
      input: undefined,
      ctx: undefined,
    });
    return { code: e.code, message: shape.message };
  }
  throw new Error("expected an error");
}
