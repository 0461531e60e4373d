"use client";
import { useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { totpCodeSchema } from "@/lib/schemas/security";
import { renewSession } from "@/lib/auth/renew-session";
import { CodeField } from "./CodeField";
import { useErrorText } from "./useErrorText";

export interface EnrolmentSecret {
  secret: string;
  otpauthUri: string;
  qrCodeDataUrl: string;
}

/** "ABCDEFGH…" -> "ABCD EFGH …": easier to read and type. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * Enrolment, step by step: the QR code (rendered by the server from the otpauth URI) and the same
 * secret as text, then a code from the app to prove it works. On success this browser's session
 * is renewed (enrolment ends every other session) and the recovery codes are handed up.
 */
export function EnrolTwoFactor({
  setup,
  onEnrolled,
  onCancel,
}: {
  setup: EnrolmentSecret;
  onEnrolled: (recoveryCodes: string[], sessionRenewed: boolean) => void;
  onCancel?: () => void;
}) {
  const t = useTranslations("account.twoFactor");
  const te = useTranslations("account.errors");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const confirm = useMutation(trpc.account.confirmTwoFactor.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = totpCodeSchema.safeParse(new FormData(event.currentTarget).get("code") ?? "");
    if (!parsed.success) {
      setError(te("totpFormat"));
      codeRef.current?.focus();
      return;
    }
    setError(null);
    try {
      const { recoveryCodes, ticket } = await confirm.mutateAsync({ code: parsed.data });
      onEnrolled(recoveryCodes, await renewSession(ticket));
    } catch (e) {
      setError(errorText(e, te("totpFormat")));
      codeRef.current?.select();
    }
  }

  return (
    <div className="space-y-6" data-testid="totp-enrolment">
      <ol className="space-y-6">
        <li className="space-y-3">
          <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
            <StepNumber n={1} />
            {t("enrol.step1")}
          </h3>
          <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
            <img
              src={setup.qrCodeDataUrl}
              alt={t("enrol.qrAlt")}
              width={192}
              height={192}
              className="size-48 shrink-0 rounded-lg border border-slate-200 bg-white"
              data-testid="totp-qr"
            />
            <div className="min-w-0 space-y-2 text-sm text-slate-600">
              <p>{t("enrol.manual")}</p>
              <code
                className="block break-all rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-base tracking-wider text-slate-900 select-all"
                data-testid="totp-secret"
              >
                {grouped(setup.secret)}
              </code>
            </div>
          </div>
        </li>
        <li>
          <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
            <StepNumber n={2} />
            {t("enrol.step2")}
          </h3>
          <form onSubmit={onSubmit} noValidate className="mt-3 space-y-4">
            <CodeField ref={codeRef} label={t("enrol.code")} error={error} autoFocus />
            <div className="flex flex-wrap gap-2">
              <button
                type="submit"
                className="btn-primary"
                disabled={confirm.isPending}
                data-testid="totp-confirm"
              >
                {confirm.isPending ? t("enrol.confirming") : t("enrol.confirm")}
              </button>
              {onCancel && (
                <button type="button" className="btn-ghost" onClick={onCancel}>
                  {t("cancel")}
                </button>
              )}
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}

function StepNumber({ n }: { n: number }) {
  return (
    <span
      aria-hidden="true"
      className="grid size-6 shrink-0 place-items-center rounded-full bg-accent-600 text-xs font-bold text-white"
    >
      {n}
    </span>
  );
}
