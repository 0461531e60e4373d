"use client";
import { useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { TextField } from "./TextField";
import { FormError } from "@/components/ui/FormError";

/**
 * The second sign-in step: a 6-digit code from the authenticator app, or (switchable) one of the
 * recovery codes. `onSubmit` returns an error text to show, or null when signing in succeeded.
 */
export function SecondFactorStep({
  onSubmit,
  onBack,
}: {
  onSubmit: (code: string) => Promise<string | null>;
  onBack: () => void;
}) {
  const t = useTranslations("auth.secondFactor");
  const te = useTranslations("auth.errors");
  const [recovery, setRecovery] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const ref = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    setPending(true);
    setError(null);
    const problem = await onSubmit(code).catch(() => te("generic"));
    if (problem) {
      setError(problem);
      setPending(false);
      requestAnimationFrame(() => ref.current?.select());
    }
  }

  function switchMode() {
    setRecovery((r) => !r);
    setError(null);
    requestAnimationFrame(() => ref.current?.focus());
  }

  return (
    <form method="post" noValidate onSubmit={submit} className="space-y-5" data-testid="second-factor-form">
      <p className="text-sm text-slate-700" aria-live="polite">
        {recovery ? t("recoverySubtitle") : t("subtitle")}
      </p>
      {/* The code field takes the focus instead, to be typed again. */}
      <FormError message={error} focus={false} />
      <TextField
        // A new element per mode, so the browser's autofill hints apply afresh.
        key={recovery ? "recovery" : "totp"}
        ref={ref}
        name="code"
        label={recovery ? t("recoveryCode") : t("code")}
        hint={recovery ? undefined : t("codeHint")}
        autoComplete="one-time-code"
        inputMode={recovery ? "text" : "numeric"}
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        maxLength={recovery ? 24 : 8}
        placeholder={recovery ? "xxxxx-xxxxx" : "123456"}
        required
        autoFocus
        className="field-input font-mono text-lg tracking-widest"
      />
      <button type="submit" className="btn-primary w-full py-2.5" disabled={pending} aria-busy={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
      <div className="flex flex-col items-center gap-2 text-sm">
        <button
          type="button"
          onClick={switchMode}
          className="font-medium text-accent-700 underline-offset-2 hover:underline"
          data-testid="second-factor-switch"
        >
          {recovery ? t("useApp") : t("useRecovery")}
        </button>
        <button type="button" onClick={onBack} className="text-slate-600 underline-offset-2 hover:underline">
          {t("back")}
        </button>
      </div>
    </form>
  );
}
