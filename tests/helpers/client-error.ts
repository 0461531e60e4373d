import type { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { appRouter } from "@/server/api/root";
import type { WireRefusal } from "@/lib/errors/refusal";

/** The error shape the app's error formatter gives a client, and the error it came from. */
async function shapeOf(promise: Promise<unknown>) {
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
    return { error: e, shape };
  }
  throw new Error("expected an error");
}

/** The error as a client would receive it: code, and message after the app's error formatter. */
export async function clientError(promise: Promise<unknown>) {
  const { error, shape } = await shapeOf(promise);
  return { code: error.code, message: shape.message };
}

/** The refusal a client would receive: its stable code and parameters (and input issues), which the UI translates. */
export async function clientRefusal(promise: Promise<unknown>) {
  const { error, shape } = await shapeOf(promise);
  return { code: error.code, refusal: (shape.data as { refusal: WireRefusal | null }).refusal };
}
