"use client";
import { useRef, useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { useTRPC } from "@/lib/trpc/react";
import { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, signUpSchema } from "@/lib/schemas/account";
import { SubmitButton } from "./SubmitButton";
import { TextField } from "./TextField";

type Field = "name" | "email" | "password";
type FieldErrors = Partial<Record<Field, string>>;
const FIELDS: Field[] = ["name", "email", "password"];

/** Creates the account (tRPC account.signUp), then signs in with the same credentials. */
export function SignUpForm({ target, firstAdmin }: { target: string; firstAdmin: boolean }) {
  const t = useTranslations("auth");
  const locale = useLocale();
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const refs = {
    name: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  };
  const formErrorRef = useRef<HTMLDivElement>(null);

  const messageFor: Record<Field, () => string> = {
    name: () => t("errors.nameInvalid", { max: NAME_MAX }),
    email: () => t("errors.emailInvalid"),
    password: () => t("errors.passwordInvalid", { min: PASSWORD_MIN, max: PASSWORD_MAX }),
  };

  function showFieldErrors(fields: Iterable<Field>, override: FieldErrors = {}) {
    const next: FieldErrors = {};
    for (const f of fields) next[f] = override[f] ?? messageFor[f]();
    setErrors(next);
    const first = FIELDS.find((f) => next[f]);
    if (first) refs[first].current?.focus();
  }

  function showFormError(message: string) {
    setFormError(message);
    setPending(false);
    // Let the alert render, then move focus to it so screen readers and keyboard users land there.
    requestAnimationFrame(() => formErrorRef.current?.focus());
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const data = new FormData(event.currentTarget);
    const parsed = signUpSchema.safeParse({
      name: data.get("name"),
      email: data.get("email"),
      password: data.get("password"),
    });
    if (!parsed.success) {
      showFieldErrors(
        new Set(parsed.error.issues.map((i) => i.path[0] as Field).filter((f) => FIELDS.includes(f))),
      );
      return;
    }
    setErrors({});
    setPending(true);

    try {
      await signUp.mutateAsync(parsed.data);
    } catch (error) {
      setPending(false);
      if (error instanceof TRPCClientError) {
        const data = error.data as
          { code?: string; zodError?: { fieldErrors?: Record<string, unknown> } } | undefined;
        if (data?.code === "CONFLICT") return showFieldErrors(["email"], { email: t("errors.emailTaken") });
        const serverFields = Object.keys(data?.zodError?.fieldErrors ?? {}).filter((f): f is Field =>
          FIELDS.includes(f as Field),
        );
        if (serverFields.length) return showFieldErrors(serverFields);
      }
      return showFormError(t("errors.generic"));
    }

    try {
      const result = await signIn("credentials", {
        email: parsed.data.email,
        password: parsed.data.password,
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
      {formError && (
        <div ref={formErrorRef} tabIndex={-1} role="alert" className="notice-error" data-testid="form-error">
          {formError}{" "}
          {formError === t("errors.signInAfterSignUp") && (
            <Link href={signInHref} className="font-medium underline">
              {t("signUp.signInLink")}
            </Link>
          )}
        </div>
      )}
      <TextField
        ref={refs.name}
        name="name"
        type="text"
        label={t("signUp.name")}
        hint={t("signUp.nameHint")}
        autoComplete="name"
        maxLength={NAME_MAX}
        required
        autoFocus
        error={errors.name}
      />
      <TextField
        ref={refs.email}
        name="email"
        type="email"
        label={t("signUp.email")}
        autoComplete="email"
        inputMode="email"
        required
        error={errors.email}
      />
      <TextField
        ref={refs.password}
        name="password"
        type="password"
        label={t("signUp.password")}
        hint={t("signUp.passwordHint", { min: PASSWORD_MIN })}
        autoComplete="new-password"
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        required
        error={errors.password}
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
