"use client";
import { signIn } from "next-auth/react";

/**
 * After changing its own password or enrolling 2FA, this browser's session token is stale (the
 * account's sessionVersion moved on): trade the server's short-lived ticket for a fresh token.
 */
export async function renewSession(ticket: string): Promise<boolean> {
  try {
    const result = await signIn("credentials", { ticket, redirect: false });
    return Boolean(result?.ok && !result.error);
  } catch {
    return false;
  }
}
