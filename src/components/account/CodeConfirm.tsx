"use client";
import { useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { secondFactorCodeSchema } from "@/lib/schemas/security";
import { CodeField } from "./CodeField";
import { useErrorText } from "./useErrorText";

/**
 * Asks for a current app code (or a recovery code) before a sensitive change to one's own 2FA.
 * `onConfirm` runs the mutation; its errors are shown under the field.
 */
export function CodeConfirm({
  prompt,
  submitLabel,
  danger = false,
  onConfirm,
  onCancel,
  testId,
}: {
  prompt: string;
  submitLabel: string;
  danger?: boolean;
  onConfirm: (code: string) => Promise<void>;
  onCancel: () => void;
  testId: string;
}) {
  const t = useTranslations("account.twoFactor");
  const te = useTranslations("account.errors");
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const ref = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = secondFactorCodeSchema.safeParse(new FormData(event.currentTarget).get("code") ?? "");
    if (!parsed.success) {
      setError(te("codeFormat"));
      ref.current?.focus();
      return;
    }
    setError(null);
    setPending(true);
    try {
      await onConfirm(parsed.data);
    } catch (e) {
      setError(errorText(e, te("codeFormat")));
      ref.current?.select();
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4"
      data-testid={testId}
    >
      <p className="text-sm text-slate-700">{prompt}</p>
      <CodeField ref={ref} label={t("codeOrRecovery")} error={error} allowRecovery autoFocus />
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={pending}
          className={danger ? "btn bg-red-600 text-white shadow-sm hover:bg-red-700" : "btn-primary"}
        >
          {pending ? t("working") : submitLabel}
        </button>
        <button type="button" className="btn-ghost" onClick={onCancel}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
