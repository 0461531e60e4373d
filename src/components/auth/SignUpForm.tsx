"use client";
import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { useTRPC } from "@/lib/trpc/react";
import { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, signUpSchema } from "@/lib/schemas/account";
import { SubmitButton } from "./SubmitButton";
import { EmailField, PasswordField, TextField } from "./TextField";
import { useFieldErrors } from "@/components/ui/useFieldErrors";
import { FormError } from "@/components/ui/FormError";

type Field = "name" | "email" | "password";
const FIELDS: readonly Field[] = ["name", "email", "password"];

/** Creates the account (tRPC account.signUp), then signs in with the same credentials. */
export function SignUpForm({ target, firstAdmin }: { target: string; firstAdmin: boolean }) {
  const t = useTranslations("auth");
  const locale = useLocale();
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const fields = useFieldErrors(FIELDS);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const messageFor: Record<Field, () => string> = {
    name: () => t("errors.nameInvalid", { max: NAME_MAX }),
    email: () => t("errors.emailInvalid"),
    password: () => t("errors.passwordInvalid", { min: PASSWORD_MIN, max: PASSWORD_MAX }),
  };

  function showFormError(message: string) {
    setFormError(message);
    setPending(false);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const data = new FormData(event.currentTarget);
    const input = fields.parse(
      signUpSchema,
      { name: data.get("name"), email: data.get("email"), password: data.get("password") },
      (f) => messageFor[f](),
    );
    if (!input) return;
    setPending(true);

    try {
      await signUp.mutateAsync(input);
    } catch (error) {
      setPending(false);
      if (error instanceof TRPCClientError) {
        const data = error.data as
          { code?: string; zodError?: { fieldErrors?: Record<string, unknown> } } | undefined;
        if (data?.code === "CONFLICT") return fields.show({ email: t("errors.emailTaken") });
        const serverFields = FIELDS.filter((f) => data?.zodError?.fieldErrors?.[f]);
        if (serverFields.length)
          return fields.show(Object.fromEntries(serverFields.map((f) => [f, messageFor[f]()])));
      }
      return showFormError(t("errors.generic"));
    }

    try {
      const result = await signIn("credentials", {
        email: input.email,
        password: input.password,
        redirect: false,
      });
      if (!result || result.error || !result.ok) return showFormError(t("errors.signInAfterSignUp"));
      window.location.assign(target);
    } catch {
      showFormError(t("errors.signInAfterSignUp"));
    }
  }

  const signInHref =
    target === `/${locale}/meetings` ? "/sign-in" : { pathname: "/sign-in", query: { callbackUrl: target } };

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="space-y-5" data-testid="sign-up-form">
      {firstAdmin && (
        <p role="note" className="notice-info" data-testid="first-admin-notice">
          {t("signUp.firstAdmin")}
        </p>
      )}
      <FormError message={formError}>
        {formError === t("errors.signInAfterSignUp") && (
          <>
            {" "}
            <Link href={signInHref} className="font-medium underline">
              {t("signUp.signInLink")}
            </Link>
          </>
        )}
      </FormError>
      <TextField
        {...fields.bind("name")}
        type="text"
        label={t("signUp.name")}
        hint={t("signUp.nameHint")}
        autoComplete="name"
        maxLength={NAME_MAX}
        required
        autoFocus
      />
      <EmailField {...fields.bind("email")} label={t("signUp.email")} />
      <PasswordField
        {...fields.bind("password")}
        chosen
        label={t("signUp.password")}
        hint={t("signUp.passwordHint", { min: PASSWORD_MIN })}
      />
      <SubmitButton pending={pending} pendingLabel={t("signUp.submitting")}>
        {t("signUp.submit")}
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        {t("signUp.haveAccount")}{" "}
        <Link href={signInHref} className="font-medium text-accent-700 underline-offset-2 hover:underline">
          {t("signUp.signInLink")}
        </Link>
      </p>
    </form>
  );
}
