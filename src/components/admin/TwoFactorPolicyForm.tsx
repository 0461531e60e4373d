"use client";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { TWO_FACTOR_POLICIES, type TwoFactorPolicy } from "@/core/accounts/two-factor-policy";
import { useErrorText } from "@/components/account/useErrorText";

/** Who must use 2FA: one choice among the policies; read-only for auditors. */
export function TwoFactorPolicyForm({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations("admin.policy");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.admin.securitySettings.queryOptions());
  const save = useMutation(trpc.admin.setTwoFactorPolicy.mutationOptions());
  const [choice, setChoice] = useState<TwoFactorPolicy | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const current = settings.data?.twoFactorPolicy;
  const selected = choice ?? current;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!selected) return;
    setMessage(null);
    try {
      await save.mutateAsync({ policy: selected });
      await queryClient.invalidateQueries({ queryKey: trpc.admin.securitySettings.queryKey() });
      setChoice(null);
      setMessage({ ok: true, text: t("saved") });
    } catch (e) {
      setMessage({ ok: false, text: errorText(e) });
    }
  }

  return (
    <section className="card max-w-3xl p-6" aria-labelledby="policy-title">
      <h2 id="policy-title" className="text-lg font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      {selected && (
        <form onSubmit={onSubmit} className="mt-5 space-y-5" data-testid="policy-form">
          <fieldset disabled={!canEdit || save.isPending}>
            <legend className="sr-only">{t("legend")}</legend>
            <div className="space-y-3">
              {TWO_FACTOR_POLICIES.map((policy) => (
                <label
                  key={policy}
                  className={`flex cursor-pointer gap-3 rounded-lg border p-4 has-[:disabled]:cursor-default ${
                    selected === policy
                      ? "border-accent-500 bg-accent-50/60"
                      : "border-slate-200 bg-white hover:bg-slate-50"
                  }`}
                >
                  <input
                    type="radio"
                    name="policy"
                    value={policy}
                    checked={selected === policy}
                    onChange={() => setChoice(policy)}
                    className="mt-0.5 size-4 accent-accent-600"
                  />
                  <span>
                    <span className="block text-sm font-medium text-slate-900">
                      {t(`options.${policy}.label`)}
                    </span>
                    <span className="block text-sm text-slate-600">{t(`options.${policy}.body`)}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {message && (
            <p role={message.ok ? "status" : "alert"} className={message.ok ? "notice-info" : "notice-error"}>
              {message.text}
            </p>
          )}
          {canEdit ? (
            <button type="submit" className="btn-primary" disabled={save.isPending || selected === current}>
              {save.isPending ? t("saving") : t("save")}
            </button>
          ) : (
            <p className="text-sm text-slate-500">{t("readOnly")}</p>
          )}
        </form>
      )}
    </section>
  );
}
