"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";

/**
 * A one-time password the server returned once (new account, password reset): shown with a copy
 * button until the admin closes the panel.
 */
export function OneTimePasswordPanel({
  title,
  body,
  password,
  onDone,
  testId,
}: {
  title: string;
  body: string;
  password: string;
  onDone: () => void;
  testId: string;
}) {
  const t = useTranslations("admin.create");
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
    } catch {
      // Shown on screen anyway.
    }
  }

  return (
    <section className="card border-emerald-200 p-5" data-testid={testId} aria-live="polite">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <p className="mt-1 text-sm text-slate-600">{body}</p>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <span className="text-sm font-medium text-slate-700">{t("oneTimePassword")}</span>
        <code
          className="rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 font-mono text-base tracking-wider text-slate-900 select-all"
          data-testid="one-time-password"
        >
          {password}
        </code>
        <button type="button" className="btn-secondary" onClick={copy}>
          {copied ? t("copied") : t("copy")}
        </button>
        <button type="button" className="btn-primary" onClick={onDone}>
          {t("done")}
        </button>
      </div>
    </section>
  );
}
