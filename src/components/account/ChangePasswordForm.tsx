"use client";
import { useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { changePasswordSchema, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/schemas/account";
import { renewSession } from "@/lib/auth/renew-session";
import { TextField } from "@/components/auth/TextField";
import { errorKey, useErrorText } from "./useErrorText";

type Field = "currentPassword" | "newPassword";

/**
 * Changes one's own password. The server ends every session of the account; this browser's is
 * renewed with the returned ticket, then the user goes on to `continueTo` (after a one-time
 * password) or sees a confirmation.
 */
export function ChangePasswordForm({ continueTo }: { continueTo: string | null }) {
  const t = useTranslations("account.password");
  const te = useTranslations("account.errors");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const refs = {
    currentPassword: useRef<HTMLInputElement>(null),
    newPassword: useRef<HTMLInputElement>(null),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setDone(false);
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = changePasswordSchema.safeParse({
      currentPassword: data.get("currentPassword"),
      newPassword: data.get("newPassword"),
    });
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === "currentPassword") next.currentPassword = te("passwordRequired");
        if (issue.path[0] === "newPassword") {
          next.newPassword =
            issue.code === "custom"
              ? te("samePassword")
              : te("passwordInvalid", { min: PASSWORD_MIN, max: PASSWORD_MAX });
        }
      }
      setErrors(next);
      refs[next.currentPassword ? "currentPassword" : "newPassword"].current?.focus();
      return;
    }
    setErrors({});
    try {
      const { ticket } = await change.mutateAsync(parsed.data);
      const renewed = await renewSession(ticket);
      if (!renewed) return window.location.reload();
      if (continueTo) return window.location.assign(continueTo);
      form.reset();
      setDone(true);
    } catch (e) {
      if (errorKey(e) === "wrongPassword") {
        setErrors({ currentPassword: errorText(e) });
        refs.currentPassword.current?.select();
      } else setFormError(errorText(e));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md space-y-5" data-testid="change-password-form">
      {done && (
        <p role="status" className="notice-info" data-testid="password-changed">
          {t("done")}
        </p>
      )}
      {formError && (
        <p role="alert" className="notice-error">
          {formError}
        </p>
      )}
      <TextField
        ref={refs.currentPassword}
        name="currentPassword"
        type="password"
        label={t("current")}
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <TextField
        ref={refs.newPassword}
        name="newPassword"
        type="password"
        label={t("new")}
        hint={t("newHint", { min: PASSWORD_MIN })}
        autoComplete="new-password"
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        required
        error={errors.newPassword}
      />
      <button type="submit" className="btn-primary" disabled={change.isPending}>
        {change.isPending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
