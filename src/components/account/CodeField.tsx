"use client";
import type { Ref } from "react";
import { TextField } from "@/components/auth/TextField";

/**
 * A field for a one-time code: a 6-digit app code (numeric keyboard, the browser may fill it from
 * an SMS-like source) or, with `allowRecovery`, a recovery code too.
 */
export function CodeField({
  label,
  error,
  allowRecovery = false,
  autoFocus,
  ref,
}: {
  label: string;
  error?: string | null;
  allowRecovery?: boolean;
  autoFocus?: boolean;
  ref?: Ref<HTMLInputElement>;
}) {
  return (
    <TextField
      ref={ref}
      name="code"
      label={label}
      error={error}
      autoComplete="one-time-code"
      inputMode={allowRecovery ? "text" : "numeric"}
      autoCapitalize="off"
      autoCorrect="off"
      spellCheck={false}
      maxLength={allowRecovery ? 24 : 8}
      required
      autoFocus={autoFocus}
      className="field-input max-w-56 font-mono text-lg tracking-widest"
    />
  );
}
