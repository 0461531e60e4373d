"use client";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { accountErrorKey, type AccountErrorKey } from "@/lib/account-errors";

/** Which known account error this is, if any (e.g. to show it next to the field it is about). */
export function errorKey(error: unknown): AccountErrorKey | null {
  return error instanceof TRPCClientError ? accountErrorKey(error.message) : null;
}

/**
 * The translated text for an error from an account or admin procedure: known messages by key
 * (lib/account-errors.ts), `fallback` (e.g. a format hint) for input the schema refused, else a
 * generic sentence. Server messages are English, so they are never shown as they are.
 */
export function useErrorText() {
  const t = useTranslations("account.errors");
  return (error: unknown, fallback?: string): string => {
    if (!(error instanceof TRPCClientError)) return t("generic");
    const key = accountErrorKey(error.message);
    if (key) return t(key);
    const data = error.data as { code?: string; zodError?: unknown } | undefined;
    if (data?.code === "TOO_MANY_REQUESTS") return t("tooManyAttempts");
    if (data?.code === "BAD_REQUEST" && data.zodError && fallback) return fallback;
    return t("generic");
  };
}
