"use client";
import { ChoiceSelect } from "@/components/ui/ChoiceSelect";
import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { GLOBAL_ROLES, type GlobalRole } from "@/core/roles";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useErrorText } from "@/components/account/useErrorText";
import { Badge } from "./Badge";
import { OneTimePasswordPanel } from "./OneTimePasswordPanel";
import { FormError } from "@/components/ui/FormError";
import { CARDS } from "@/components/ui/TableHead";

type Confirmable = "disable" | "resetTwoFactor" | "resetPassword";
type AdminUserView = RouterOutputs["admin"]["listUsers"]["users"][number];

/**
 * One account in the admin list: role (changed at once), status, 2FA, last sign-in, and the
 * actions that need a confirmation (disable, reset 2FA, reset the password). Not on one's own
 * row: those go through the account pages.
 */
export function UserRow({
  user,
  isMe,
  onChanged,
}: {
  user: AdminUserView;
  isMe: boolean;
  onChanged: () => void;
}) {
  const t = useTranslations("admin.users");
  const tr = useTranslations("admin.roles");
  const format = useFormatter();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const options = { onSuccess: onChanged, onError: (e: unknown) => setError(errorText(e)) };
  const setRole = useMutation(trpc.admin.setRole.mutationOptions(options));
  const setDisabled = useMutation(trpc.admin.setDisabled.mutationOptions(options));
  const resetTwoFactor = useMutation(trpc.admin.resetTwoFactor.mutationOptions(options));
  const resetPassword = useMutation(
    trpc.admin.resetPassword.mutationOptions({
      ...options,
      onSuccess: (result) => {
        setOneTimePassword(result.oneTimePassword);
        onChanged();
      },
    }),
  );
  const [confirming, setConfirming] = useState<Confirmable | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [oneTimePassword, setOneTimePassword] = useState<string | null>(null);
  const busy =
    setRole.isPending || setDisabled.isPending || resetTwoFactor.isPending || resetPassword.isPending;

  /** What each confirmation asks, and what it does once confirmed. */
  const confirmations: Record<Confirmable, { question: string; act: () => void }> = {
    disable: {
      question: t("confirmDisable", { name: user.name }),
      act: () => setDisabled.mutate({ userId: user.id, disabled: true }),
    },
    resetTwoFactor: {
      question: t("confirmReset", { name: user.name }),
      act: () => resetTwoFactor.mutate({ userId: user.id }),
    },
    resetPassword: {
      question: t("confirmResetPassword", { name: user.name }),
      act: () => resetPassword.mutate({ userId: user.id }),
    },
  };

  function run(action: () => void) {
    setError(null);
    setConfirming(null);
    setOneTimePassword(null);
    action();
  }

  return (
    <>
      <tr
        data-testid="user-row"
        data-email={user.email}
        className={`${CARDS.row} ${user.disabled ? "bg-slate-50/80" : ""}`}
      >
        <td className={`${CARDS.cell} py-3 pr-3 pl-4`}>
          <div className={`font-medium ${user.disabled ? "text-slate-500" : "text-slate-900"}`}>
            {user.name}
            {isMe && <span className="ml-1.5 text-xs font-normal text-slate-500">({t("you")})</span>}
          </div>
          <div className="text-sm break-all text-slate-500">{user.email}</div>
        </td>
        <td className={`${CARDS.cell} px-3 py-3`}>
          <label className="sr-only" htmlFor={`role-${user.id}`}>
            {t("roleOf", { name: user.name })}
          </label>
          <ChoiceSelect
            id={`role-${user.id}`}
            value={user.role}
            busy={busy}
            onChoose={(v) => run(() => setRole.mutate({ userId: user.id, role: v as GlobalRole }))}
            className="rounded-md border border-slate-300 bg-white py-1 pr-7 pl-2 text-sm shadow-sm"
            data-testid="role-select"
          >
            {GLOBAL_ROLES.map((role) => (
              <option key={role} value={role}>
                {tr(role)}
              </option>
            ))}
          </ChoiceSelect>
        </td>
        <td className={`${CARDS.cell} px-3 py-3`} data-label={t("columns.status")}>
          <div className="flex flex-col items-start gap-1 max-md:flex-row max-md:flex-wrap">
            {user.disabled ? (
              <Badge tone="red" testId="status-badge">
                {t("disabled")}
              </Badge>
            ) : (
              <Badge tone="green" testId="status-badge">
                {t("active")}
              </Badge>
            )}
            {user.mustChangePassword && <Badge tone="amber">{t("mustChangePassword")}</Badge>}
          </div>
        </td>
        <td className={`${CARDS.cell} px-3 py-3`} data-label={t("columns.twoFactor")}>
          <Badge tone={user.twoFactorEnabled ? "green" : "grey"} testId="two-factor-badge">
            {user.twoFactorEnabled ? t("twoFactorOn") : t("twoFactorOff")}
          </Badge>
        </td>
        <td
          className={`${CARDS.cell} px-3 py-3 text-sm whitespace-nowrap text-slate-600`}
          data-label={t("columns.lastSignIn")}
        >
          {user.lastSignInAt
            ? format.dateTime(new Date(user.lastSignInAt), { dateStyle: "medium", timeStyle: "short" })
            : t("never")}
        </td>
        <td className={`${CARDS.cell} py-3 pr-4 pl-3`}>
          {!isMe && (
            <div className="flex flex-wrap justify-end gap-2 max-md:justify-start max-md:pt-2">
              {user.disabled ? (
                <RowAction
                  label={t("enable")}
                  testId="enable-user"
                  disabled={busy}
                  onClick={() => run(() => setDisabled.mutate({ userId: user.id, disabled: false }))}
                />
              ) : (
                <RowAction
                  label={t("disable")}
                  testId="disable-user"
                  danger
                  disabled={busy}
                  onClick={() => setConfirming("disable")}
                />
              )}
              {user.twoFactorEnabled && (
                <RowAction
                  label={t("resetTwoFactor")}
                  testId="reset-two-factor"
                  disabled={busy}
                  onClick={() => setConfirming("resetTwoFactor")}
                />
              )}
              <RowAction
                label={t("resetPassword")}
                testId="reset-password"
                disabled={busy}
                onClick={() => setConfirming("resetPassword")}
              />
            </div>
          )}
        </td>
      </tr>
      {(confirming || error || oneTimePassword) && (
        <tr className={`${CARDS.row} bg-slate-50`}>
          <td colSpan={6} className={`${CARDS.cell} px-4 pb-3`}>
            <FormError message={error} focus={false} />
            {confirming && (
              <div
                role="alertdialog"
                aria-label={t(confirming)}
                className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950"
              >
                <span className="flex-1">{confirmations[confirming].question}</span>
                <button
                  type="button"
                  className="btn bg-red-600 px-3 py-1 text-white hover:bg-red-700"
                  autoFocus
                  onClick={() => run(confirmations[confirming].act)}
                  data-testid="confirm-action"
                >
                  {t("confirm")}
                </button>
                <button type="button" className="btn-ghost px-3 py-1" onClick={() => setConfirming(null)}>
                  {t("cancel")}
                </button>
              </div>
            )}
            {oneTimePassword && (
              <OneTimePasswordPanel
                title={t("passwordResetTitle", { name: user.name })}
                body={t("passwordResetBody", { name: user.name })}
                password={oneTimePassword}
                onDone={() => setOneTimePassword(null)}
                testId="password-reset"
              />
            )}
          </td>
        </tr>
      )}
    </>
  );
}

function RowAction({
  label,
  testId,
  danger = false,
  disabled,
  onClick,
}: {
  label: string;
  testId: string;
  danger?: boolean;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={`btn-secondary px-2.5 py-1 ${danger ? "text-red-700" : ""}`}
      disabled={disabled}
      onClick={onClick}
      data-testid={testId}
    >
      {label}
    </button>
  );
}
