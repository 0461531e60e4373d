"use client";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { changePasswordSchema, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/schemas/account";
import { renewSession } from "@/lib/auth/renew-session";
import { PasswordField } from "@/components/auth/TextField";
import { useFieldErrors } from "@/components/ui/useFieldErrors";
import { FormError } from "@/components/ui/FormError";
import { errorKey, useErrorText } from "./useErrorText";

const FIELDS = ["currentPassword", "newPassword"] as const;

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
  const fields = useFieldErrors(FIELDS);
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setDone(false);
    const form = event.currentTarget;
    const data = new FormData(form);
    const input = fields.parse(
      changePasswordSchema,
      { currentPassword: data.get("currentPassword"), newPassword: data.get("newPassword") },
      (f, issue) => {
        if (f === "currentPassword") return te("passwordRequired");
        return issue.code === "custom"
          ? te("samePassword")
          : te("passwordInvalid", { min: PASSWORD_MIN, max: PASSWORD_MAX });
      },
    );
    if (!input) return;
    try {
      const { ticket } = await change.mutateAsync(input);
      const renewed = await renewSession(ticket);
      if (!renewed) return window.location.reload();
      if (continueTo) return window.location.assign(continueTo);
      form.reset();
      setDone(true);
    } catch (e) {
      if (errorKey(e) === "WRONG_PASSWORD") {
        fields.show({ currentPassword: errorText(e) });
        fields.input("currentPassword")?.select();
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
      <FormError message={formError} />
      <PasswordField {...fields.bind("currentPassword")} label={t("current")} />
      <PasswordField
        {...fields.bind("newPassword")}
        chosen
        label={t("new")}
        hint={t("newHint", { min: PASSWORD_MIN })}
      />
      <button type="submit" className="btn-primary" disabled={change.isPending}>
        {change.isPending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
