"use client";
import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { EnrolTwoFactor, type EnrolmentSecret } from "./EnrolTwoFactor";
import { RecoveryCodes } from "./RecoveryCodes";
import { CodeConfirm } from "./CodeConfirm";
import { useErrorText } from "./useErrorText";
import { FormError } from "@/components/ui/FormError";

type View =
  | { kind: "status" }
  | { kind: "enrolling"; setup: EnrolmentSecret }
  | { kind: "codes"; codes: string[]; sessionRenewed: boolean }
  | { kind: "regenerate" }
  | { kind: "turnOff" };

/**
 * One's own second factor: its status, and the flows that change it (enrol, new recovery codes,
 * turn off). `continueTo` is where to go once enrolment is done, when the policy sent the user
 * here from another page.
 */
export function TwoFactorPanel({ email, continueTo }: { email: string; continueTo: string | null }) {
  const t = useTranslations("account.twoFactor");
  const tc = useTranslations("common");
  const format = useFormatter();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.account.twoFactorStatus.queryOptions());
  const begin = useMutation(trpc.account.beginTwoFactor.mutationOptions());
  const regenerate = useMutation(trpc.account.regenerateRecoveryCodes.mutationOptions());
  const turnOff = useMutation(trpc.account.disableTwoFactor.mutationOptions());
  const [view, setView] = useState<View>({ kind: "status" });
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.twoFactorStatus.queryKey() });

  async function startEnrolment() {
    setError(null);
    setNotice(null);
    try {
      setView({ kind: "enrolling", setup: await begin.mutateAsync() });
    } catch (e) {
      setError(errorText(e));
    }
  }

  function finishCodes(sessionRenewed: boolean) {
    // A full navigation: every server component (header, layouts) sees the renewed session.
    if (!sessionRenewed) return window.location.reload();
    if (continueTo) return window.location.assign(continueTo);
    setView({ kind: "status" });
    void refresh();
  }

  const s = status.data;
  const enabled = s?.enabled ?? false;

  return (
    <section aria-labelledby="two-factor-title" className="card p-6" data-testid="two-factor-panel">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-xl">
          <h2 id="two-factor-title" className="text-lg font-semibold text-slate-900">
            {t("title")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
        </div>
        {s && (
          <span
            data-testid="two-factor-status"
            data-enabled={enabled}
            className={
              enabled
                ? "inline-flex items-center gap-1.5 rounded-full bg-emerald-50 px-3 py-1 text-sm font-medium text-emerald-800 ring-1 ring-emerald-200"
                : "inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-3 py-1 text-sm font-medium text-slate-700 ring-1 ring-slate-200"
            }
          >
            <span
              aria-hidden="true"
              className={`size-2 rounded-full ${enabled ? "bg-emerald-500" : "bg-slate-400"}`}
            />
            {enabled ? t("statusOn") : t("statusOff")}
          </span>
        )}
      </div>

      <div className="mt-6 space-y-4">
        {notice && (
          <p role="status" className="notice-info">
            {notice}
          </p>
        )}
        <FormError message={error} focus={false} />

        {!s && !status.isError && <p className="text-sm text-slate-500">{tc("loading")}</p>}
        <FormError message={status.isError ? errorText(status.error) : null} focus={false} />

        {view.kind === "enrolling" && (
          <EnrolTwoFactor
            setup={view.setup}
            onEnrolled={(codes, sessionRenewed) => setView({ kind: "codes", codes, sessionRenewed })}
            onCancel={continueTo ? undefined : () => setView({ kind: "status" })}
          />
        )}

        {view.kind === "codes" && (
          <RecoveryCodes codes={view.codes} email={email} onDone={() => finishCodes(view.sessionRenewed)} />
        )}

        {view.kind === "status" && s && !enabled && (
          <button
            type="button"
            className="btn-primary"
            onClick={startEnrolment}
            disabled={begin.isPending}
            data-testid="two-factor-set-up"
          >
            {begin.isPending ? t("starting") : t("setUp")}
          </button>
        )}

        {s &&
          enabled &&
          (view.kind === "status" || view.kind === "regenerate" || view.kind === "turnOff") && (
            <div className="space-y-4">
              <div className="grid gap-1 text-sm text-slate-700">
                {s.enabledAt && (
                  <p>
                    {t("enabledSince", {
                      date: format.dateTime(new Date(s.enabledAt), { dateStyle: "long" }),
                    })}
                  </p>
                )}
                <p data-testid="recovery-codes-left">{t("codesLeft", { count: s.recoveryCodesLeft })}</p>
                {s.recoveryCodesLeft <= 3 && <p className="font-medium text-amber-800">{t("codesLow")}</p>}
                {s.required && <p className="text-slate-600">{t("requiredNote")}</p>}
              </div>

              {view.kind === "status" && (
                <div className="flex flex-wrap gap-2">
                  <button
                    type="button"
                    className="btn-secondary"
                    onClick={() => setView({ kind: "regenerate" })}
                    data-testid="two-factor-regenerate"
                  >
                    {t("regenerate")}
                  </button>
                  {!s.required && (
                    <button
                      type="button"
                      className="btn-secondary text-red-700"
                      onClick={() => setView({ kind: "turnOff" })}
                      data-testid="two-factor-turn-off"
                    >
                      {t("turnOff")}
                    </button>
                  )}
                </div>
              )}

              {view.kind === "regenerate" && (
                <CodeConfirm
                  testId="regenerate-form"
                  prompt={t("confirmRegenerate")}
                  submitLabel={t("regenerateSubmit")}
                  onCancel={() => setView({ kind: "status" })}
                  onConfirm={async (code) => {
                    const { recoveryCodes } = await regenerate.mutateAsync({ code });
                    setView({ kind: "codes", codes: recoveryCodes, sessionRenewed: true });
                    void refresh();
                  }}
                />
              )}

              {view.kind === "turnOff" && (
                <CodeConfirm
                  testId="turn-off-form"
                  danger
                  prompt={t("confirmTurnOff")}
                  submitLabel={t("turnOffSubmit")}
                  onCancel={() => setView({ kind: "status" })}
                  onConfirm={async (code) => {
                    await turnOff.mutateAsync({ code });
                    setView({ kind: "status" });
                    setNotice(t("turnedOff"));
                    await refresh();
                  }}
                />
              )}
            </div>
          )}
      </div>
    </section>
  );
}
