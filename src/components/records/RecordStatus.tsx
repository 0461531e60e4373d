"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/lib/trpc/react";
import type { BreakReason } from "@/core/audit/verify";

interface ChainStatus {
  ok: boolean;
  lastSeq: number;
  verifiedThrough: number;
  brokenAt: number | null;
  reason: BreakReason | null;
}

const BASE =
  "inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2.5 py-1 text-xs font-semibold";

/** "Record verified through event #N", or where and why the chain is broken. */
export function ChainBadge({ status: s, compact = false }: { status: ChainStatus; compact?: boolean }) {
  const t = useTranslations("records.status");
  if (s.ok) {
    return (
      <span
        className={`${BASE} bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200`}
        data-testid="record-status"
        data-ok="true"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3.5 fill-current">
          <path d="M8.5 13.6 4.9 10l-1.4 1.4 5 5 8-8-1.4-1.4z" />
        </svg>
        {s.lastSeq === 0 ? t("empty") : t(compact ? "verifiedShort" : "verified", { seq: s.verifiedThrough })}
      </span>
    );
  }
  return (
    <span className={compact ? "" : "block space-y-1"} data-testid="record-status" data-ok="false">
      <span className={`${BASE} bg-rose-50 text-rose-800 ring-1 ring-rose-200`}>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3.5 fill-current">
          <path d="M10 2 1 18h18L10 2zm1 13H9v-2h2v2zm0-4H9V7h2v4z" />
        </svg>
        {t(compact ? "brokenShort" : "broken", { seq: s.brokenAt ?? 0 })}
      </span>
      {!compact && (
        <span className="block text-xs text-rose-700">
          {t("brokenDetail", {
            through: s.verifiedThrough,
            reason: s.reason ? t(`reasons.${s.reason}`) : "",
          })}
        </span>
      )}
    </span>
  );
}

/** The whole stored chain verified by the server, event by event (records.verify). */
export function RecordStatus({ meetingId, compact = false }: { meetingId: string; compact?: boolean }) {
  const t = useTranslations("records.status");
  const trpc = useTRPC();
  const query = useQuery(trpc.records.verify.queryOptions({ meetingId }));
  if (query.isPending) return <span className={`${BASE} bg-slate-100 text-slate-600`}>{t("checking")}</span>;
  if (query.isError) return <span className={`${BASE} bg-slate-100 text-slate-600`}>{t("unavailable")}</span>;
  return <ChainBadge status={query.data} compact={compact} />;
}
