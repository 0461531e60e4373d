"use client";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { signInSchema } from "@/lib/schemas/account";
import { TextField } from "./TextField";

type Field = "email" | "password";

/**
 * Email + password form for next-auth's credentials provider. `target` is where to go afterwards
 * (already checked to be a safe same-origin path by the page).
 */
export function SignInForm({ target, showCallbackNotice }: { target: string; showCallbackNotice: boolean }) {
  const t = useTranslations("auth");
  const locale = useLocale();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  const refs = { email: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };
  const formErrorRef = useRef<HTMLDivElement>(null);

  // Until React runs, a submit would be a plain form post: keep the button disabled.
  useEffect(() => setHydrated(true), []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const data = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: data.get("email"), password: data.get("password") });
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === "email") next.email = t("errors.emailInvalid");
        if (issue.path[0] === "password") next.password = t("errors.passwordRequired");
      }
      setErrors(next);
      refs[next.email ? "email" : "password"].current?.focus();
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const result = await signIn("credentials", { ...parsed.data, redirect: false });
      if (!result || result.error || !result.ok) {
        setFormError(t("errors.invalidCredentials"));
        setPending(false);
        // After the alert renders: focus the password so the user can retype it at once.
        requestAnimationFrame(() => refs.password.current?.select());
        return;
      }
      // A full navigation, so that every server component (header included) sees the new session.
      window.location.assign(target);
    } catch {
      setFormError(t("errors.generic"));
      setPending(false);
    }
  }

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="space-y-5" data-testid="sign-in-form">
      {showCallbackNotice && !formError && <p className="notice-info">{t("signIn.callbackNotice")}</p>}
      {formError && (
        <div ref={formErrorRef} tabIndex={-1} role="alert" className="notice-error" data-testid="form-error">
          {formError}
        </div>
      )}
      <TextField
        ref={refs.email}
        name="email"
        type="email"
        label={t("signIn.email")}
        autoComplete="email"
        inputMode="email"
        required
        autoFocus
        error={errors.email}
      />
      <TextField
        ref={refs.password}
        name="password"
        type="password"
        label={t("signIn.password")}
        autoComplete="current-password"
        required
        error={errors.password}
      />
      <button
        type="submit"
        className="btn-primary w-full py-2.5"
        disabled={!hydrated || pending}
        aria-busy={pending}
      >
        {pending ? t("signIn.submitting") : t("signIn.submit")}
      </button>
      <p className="text-center text-sm text-slate-600">
        {t("signIn.noAccount")}{" "}
        <Link
          href={
            target === `/${locale}/meetings`
              ? "/sign-up"
              : { pathname: "/sign-up", query: { callbackUrl: target } }
          }
          className="font-medium text-accent-700 underline-offset-2 hover:underline"
        >
          {t("signIn.createAccount")}
        </Link>
      </p>
    </form>
  );
}
