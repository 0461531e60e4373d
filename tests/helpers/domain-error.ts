import { DomainError } from "@/core/errors";

/** The domain error code `fn` throws, or "OK"; anything that is not a DomainError is rethrown. */
export function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return e.code;
  }
  return "OK";
}
