"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { Badge } from "./Badge";
import { CARDS, TableHead } from "@/components/ui/TableHead";

type Entry = RouterOutputs["admin"]["auditLog"]["entries"][number];

/** "user.roleChanged" -> "userRoleChanged" (message keys have no dots). */
const actionKey = (action: string) => action.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());

const ADMIN_AUDIT_EXPORT_PATH = "/api/admin/audit/export";

/** The admin audit log, newest first, with the chain's verification and the CSV export. */
export function AuditLog() {
  const t = useTranslations("admin.audit");
  const trpc = useTRPC();
  const format = useFormatter();
  const log = useInfiniteQuery(
    trpc.admin.auditLog.infiniteQueryOptions(
      { limit: 50 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const check = useQuery(trpc.admin.verifyAuditLog.queryOptions());
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <p className="max-w-2xl text-sm text-slate-600">{t("intro")}</p>
        <a href={ADMIN_AUDIT_EXPORT_PATH} download className="btn-secondary" data-testid="audit-export">
          {t("export")}
        </a>
      </div>
      <div aria-live="polite" data-testid="audit-chain">
        {!check.data ? (
          <p className="text-sm text-slate-500">{t("checking")}</p>
        ) : check.data.ok ? (
          <Badge tone="green">✓ {t("verified", { count: check.data.count })}</Badge>
        ) : (
          <Badge tone="red">✗ {t("broken", { seq: check.data.brokenAt })}</Badge>
        )}
      </div>
      {/* Keyboard users can scroll it when a narrow desktop window cuts the table. */}
      <div className="card md:overflow-x-auto" role="region" aria-label={t("title")} tabIndex={0}>
        <table className={`${CARDS.table} text-sm`}>
          <TableHead
            columns={(["seq", "when", "who", "action", "target"] as const).map((c) => ({
              label: t(`columns.${c}`),
            }))}
          />
          <tbody className={CARDS.body} data-testid="audit-entries">
            {entries.map((entry) => (
              <tr key={entry.seq} className={CARDS.row} data-testid="audit-entry" data-action={entry.action}>
                <td className={`${CARDS.cell} py-3 pr-3 pl-4 font-mono text-xs text-slate-500`}>
                  {entry.seq}
                </td>
                <td
                  className={`${CARDS.cell} px-3 py-3 whitespace-nowrap text-slate-600`}
                  data-label={t("columns.when")}
                >
                  {format.dateTime(new Date(entry.at), { dateStyle: "medium", timeStyle: "medium" })}
                </td>
                <td className={`${CARDS.cell} px-3 py-3`} data-label={t("columns.who")}>
                  <Person person={entry.actor} none={t("none")} />
                </td>
                <td className={`${CARDS.cell} px-3 py-3 text-slate-900`} data-label={t("columns.action")}>
                  <ActionText entry={entry} />
                </td>
                <td className={`${CARDS.cell} py-3 pr-4 pl-3`} data-label={t("columns.target")}>
                  <Person person={entry.target} none={t("none")} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {log.isSuccess && entries.length === 0 && (
          <p className="px-4 py-6 text-sm text-slate-500">{t("empty")}</p>
        )}
      </div>
      {log.hasNextPage && (
        <button
          type="button"
          className="btn-secondary"
          onClick={() => log.fetchNextPage()}
          disabled={log.isFetchingNextPage}
        >
          {t("loadMore")}
        </button>
      )}
    </div>
  );
}

function Person({ person, none }: { person: Entry["actor"]; none: string }) {
  if (!person) return <span className="text-slate-500">{none}</span>;
  return (
    <span className="block">
      <span className="block text-slate-900">{person.name}</span>
      <span className="block text-xs break-all text-slate-500">{person.email}</span>
    </span>
  );
}

/** The entry as a sentence, roles and policies translated, times in the reader's time zone. */
function ActionText({ entry }: { entry: Entry }) {
  const t = useTranslations("admin");
  const d: Partial<Record<string, string | number>> = entry.details;
  const text = (v: string | number | undefined) => (v === undefined ? "" : String(v));
  const role = (r: string | number | undefined) => (r ? t(`roles.${r as "USER"}`) : "");
  const policy = (p: string | number | undefined) => (p ? t(`policy.names.${p as "OFF"}`) : "");
  const params = {
    role: role(d.role),
    from: entry.action.startsWith("settings.") ? policy(d.from) : role(d.from),
    to: entry.action.startsWith("settings.") ? policy(d.to) : role(d.to),
    // Account events (sign-ins with a second factor, recovery codes, locks): where and how.
    ip: text(d.ip),
    method: text(d.method),
    remaining: Number(d.remaining ?? 0),
    failures: Number(d.failures ?? 0),
    until: new Date(text(d.until) || entry.at),
  };
  return <>{t(`audit.actions.${actionKey(entry.action) as "userDisabled"}`, params)}</>;
}
