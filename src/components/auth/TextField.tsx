"use client";
import type { InputHTMLAttributes, Ref } from "react";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/schemas/account";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name"> & {
  /** Used as both `name` and `id` (stable hooks for end-to-end tests). */
  name: string;
  label: string;
  hint?: string;
  error?: string | null;
  ref?: Ref<HTMLInputElement>;
};

/** A labelled input whose hint and error are announced with it (aria-describedby). */
export function TextField({ name, label, hint, error, ref, ...input }: Props) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={name} className="field-label">
        {label}
      </label>
      <input
        ref={ref}
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="field-input"
        {...input}
      />
      {error && (
        <p id={errorId} className="field-error" data-testid={`${name}-error`}>
          {error}
        </p>
      )}
      {hint && !error && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** An email address, with the keyboard and the autofill an email field wants. */
export function EmailField(props: Omit<Props, "type">) {
  return <TextField type="email" inputMode="email" autoComplete="email" required {...props} />;
}

/**
 * A password: typed to prove who one is, or `chosen` (a new one: the length rules apply, and
 * password managers offer to generate it).
 */
export function PasswordField({ chosen = false, ...props }: Omit<Props, "type"> & { chosen?: boolean }) {
  const rules = chosen
    ? { autoComplete: "new-password", minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX }
    : { autoComplete: "current-password" };
  return <TextField type="password" required {...rules} {...props} />;
}
