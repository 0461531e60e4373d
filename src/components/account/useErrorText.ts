"use client";
import type { RefusalCode } from "@/core/errors";
import { refusalOf } from "@/lib/errors/refusal";
import { useRefusalText } from "@/lib/errors/useRefusalText";

/** Which refusal this is, if any (e.g. to show it next to the field it is about). */
export function errorKey(error: unknown): RefusalCode | null {
  return refusalOf(error)?.code ?? null;
}

/**
 * The translated text for an error from an account or admin procedure: its refusal code's
 * sentence (src/messages/<locale>/errors.json); `fallback` (e.g. a format hint) for input the
 * schema refused; else a generic sentence. Server messages are never shown as they are.
 */
export function useErrorText() {
  const text = useRefusalText();
  return (error: unknown, fallback?: string): string => {
    if (fallback && errorKey(error) === "INVALID_INPUT") return fallback;
    return text(error);
  };
}
