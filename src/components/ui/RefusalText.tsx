"use client";
import { useRefusalText } from "@/lib/errors/useRefusalText";

/** A failed call's refusal, as a sentence in the page's language (never the server's English). */
export function RefusalText({ error }: { error: unknown }) {
  return useRefusalText()(error);
}
