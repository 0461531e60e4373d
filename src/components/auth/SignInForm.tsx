"use client";
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { signInSchema, type SignInInput } from "@/lib/schemas/account";
import { isSecondFactorCode } from "@/lib/schemas/security";
import { parseSignInError } from "@/lib/schemas/sign-in";
import { SubmitButton } from "./SubmitButton";
import { EmailField, PasswordField } from "./TextField";
import { useFieldErrors } from "@/components/ui/useFieldErrors";
import { FormError } from "@/components/ui/FormError";
import { SecondFactorStep } from "./SecondFactorStep";
import { AuthCard } from "./AuthCard";

const FIELDS = ["email", "password"] as const;

/**
 * Email + password for next-auth's credentials provider, then, when the account has 2FA, a second
 * step asking for a code (auth/sign-in.ts). The credentials stay in memory between the two posts
 * only. `target` is where to go afterwards (a safe same-origin path, checked by the page). The card's
 * heading follows the step.
 */
export function SignInForm({ target, showCallbackNotice }: { target: string; showCallbackNotice: boolean }) {
  const t = useTranslations("auth");
  const locale = useLocale();
  const fields = useFieldErrors(FIELDS);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [secondStep, setSecondStep] = useState<SignInInput | null>(null);

  // Until React runs, a submit would be a plain form post: keep the button disabled.

  /** The error text to show for next-auth's `error`, or null when a code is now needed. */
  function errorText(error: string | undefined): string | null {
    const { key, retryAfterSeconds = 1 } = parseSignInError(error);
    switch (key) {
      case "secondFactorRequired":
        return null;
      case "invalidCode":
      case "replayedCode":
      case "ticketInvalid":
        return t(`errors.${key}`);
      case "tooManyAttempts":
        return retryAfterSeconds > 90
          ? t("errors.tooManyAttemptsMinutes", { minutes: Math.ceil(retryAfterSeconds / 60) })
          : t("errors.tooManyAttempts", { seconds: retryAfterSeconds });
      default:
        return t("errors.invalidCredentials");
    }
  }

  /** Posts to next-auth; null on success (the page then navigates), else the error text. */
  async function attempt(credentials: SignInInput & { code?: string }): Promise<string | null | "code"> {
    const result = await signIn("credentials", { ...credentials, redirect: false });
    if (result?.ok && !result.error) {
      // A full navigation, so that every server component (header included) sees the new session.
      window.location.assign(target);
      return null;
    }
    return errorText(result?.error ?? undefined) ?? "code";
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const data = new FormData(event.currentTarget);
    const input = fields.parse(
      signInSchema,
      { email: data.get("email"), password: data.get("password") },
      (f) => (f === "email" ? t("errors.emailInvalid") : t("errors.passwordRequired")),
    );
    if (!input) return;
    setPending(true);
    try {
      const outcome = await attempt(input);
      if (outcome === null) return;
      setPending(false);
      if (outcome === "code") return setSecondStep(input);
      setFormError(outcome);
      // After the alert renders: focus the password so the user can retype it at once.
      requestAnimationFrame(() => fields.input("password")?.select());
    } catch {
      setFormError(t("errors.generic"));
      setPending(false);
    }
  }

  if (secondStep) {
    return (
      <AuthCard title={t("secondFactor.title")} subtitle={t("secondFactor.intro")}>
        <SecondFactorStep
          onSubmit={async (code) => {
            if (!isSecondFactorCode(code)) return t("errors.codeFormat");
            const outcome = await attempt({ ...secondStep, code });
            if (outcome === "code") return t("errors.codeFormat");
            if (outcome === t("errors.invalidCredentials")) {
              // The password no longer works (changed meanwhile): start over.
              setSecondStep(null);
              setFormError(outcome);
            }
            return outcome;
          }}
          onBack={() => setSecondStep(null)}
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t("signIn.title")} subtitle={t("signIn.subtitle")}>
      <form method="post" noValidate onSubmit={onSubmit} className="space-y-5" data-testid="sign-in-form">
        {showCallbackNotice && !formError && <p className="notice-info">{t("signIn.callbackNotice")}</p>}
        {/* The password field takes the focus instead, to be typed again. */}
        <FormError message={formError} focus={false} />
        <EmailField {...fields.bind("email")} label={t("signIn.email")} autoFocus />
        <PasswordField {...fields.bind("password")} label={t("signIn.password")} />
        <SubmitButton pending={pending} pendingLabel={t("signIn.submitting")}>
          {t("signIn.submit")}
        </SubmitButton>
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
    </AuthCard>
  );
}
