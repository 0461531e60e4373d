"use client";
import { useFormatter, useTranslations } from "next-intl";
import { formatDuration } from "@/lib/format";
import { equityLevel, type EquityLevel } from "@/core/stats/equity";
import { FloorFairness } from "./FloorFairness";
import { roomStats } from "@/core/stats/meeting";
import type { RoomState } from "@/core/room/state";
import { Card } from "@/components/ui/Card";

const LEVEL_COLORS: Record<EquityLevel, string> = {
  even: "bg-emerald-100 text-emerald-800",
  fair: "bg-sky-100 text-sky-800",
  uneven: "bg-amber-100 text-amber-800",
  dominated: "bg-rose-100 text-rose-800",
};

/**
 * Speaking time per person as bars, and the equity index: the same fold as the records', read off
 * the live room's state, with the running turn counted up to the clock (so the bars move).
 */
export function StatsPanel({ state, now }: { state: RoomState; now: number }) {
  const t = useTranslations("records.stats");
  const format = useFormatter();
  const stats = {
    ...roomStats(state, now),
    speakingId: state.token.holder?.userId ?? null,
    name: (id: string) => state.people[id] ?? "?",
  };
  const shown = stats.participants.filter((p) => p.present || p.speakingMs > 0);
  const longest = Math.max(1, ...shown.map((p) => p.speakingMs));
  const level = equityLevel(stats.equity);
  const wait = (ms: number | null) => (ms === null ? "–" : formatDuration(ms));

  return (
    <Card title={t("heading")}>
      <div className="grid gap-6 md:grid-cols-5">
        <div className="md:col-span-2" data-testid="equity">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{t("equity")}</p>
          <div className="mt-1 flex items-center gap-3">
            <p className="text-4xl font-bold tabular-nums text-slate-900" data-testid="equity-value">
              {format.number(stats.equity, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}
            </p>
            <span
              className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ${LEVEL_COLORS[level]}`}
            >
              {t("equityLevel", { level })}
            </span>
          </div>
          {/* 0 (even) on the left, 1 (one person) on the right. */}
          <div
            className="relative mt-3 h-2 rounded-full bg-gradient-to-r from-emerald-300 via-amber-300 to-rose-400"
            aria-hidden="true"
          >
            <span
              className="absolute -top-1 h-4 w-1 -translate-x-1/2 rounded bg-slate-900 transition-[left] duration-700"
              style={{ left: `${Math.min(100, stats.equity * 100)}%` }}
            />
          </div>
          <div className="mt-1 flex justify-between text-[10px] text-slate-400" aria-hidden="true">
            <span>0</span>
            <span>1</span>
          </div>
          <p className="mt-3 text-xs text-slate-500">{t("equityHelp")}</p>
        </div>

        <div className="md:col-span-3">
          {stats.totalSpeakingMs === 0 ? (
            <p className="text-sm text-slate-500">{t("nobody")}</p>
          ) : (
            <ul className="space-y-3" aria-label={t("chartLabel")} data-testid="speaking-chart">
              {shown.map((p) => {
                const speaking = p.userId === stats.speakingId;
                const share = format.number(p.share, { style: "percent", maximumFractionDigits: 0 });
                return (
                  <li key={p.userId} data-testid="speaking-bar" data-user-id={p.userId}>
                    <div className="flex items-baseline justify-between gap-2 text-sm">
                      <span className="truncate font-medium text-slate-800">
                        {stats.name(p.userId)}
                        {speaking && (
                          <span className="ml-2 text-xs font-normal text-amber-700">{t("speaking")}</span>
                        )}
                        {!p.present && (
                          <span className="ml-2 text-xs font-normal text-slate-500">{t("absent")}</span>
                        )}
                      </span>
                      <span className="shrink-0 tabular-nums text-slate-700" title={t("share", { share })}>
                        {formatDuration(p.speakingMs)} · {share}
                      </span>
                    </div>
                    <div className="mt-1 h-3 overflow-hidden rounded-full bg-slate-100">
                      <div
                        className={`h-full rounded-full transition-[width] duration-700 ${speaking ? "bg-amber-500" : "bg-accent-600"}`}
                        style={{ width: `${(100 * p.speakingMs) / longest}%` }}
                      />
                    </div>
                    <p className="mt-0.5 text-xs text-slate-500">
                      {t("details", {
                        turns: p.turns,
                        meanWait: wait(p.meanWaitMs),
                        longestWait: wait(p.longestWaitMs),
                        ideas: p.ideasPosted,
                        votes: p.votesCast,
                        shapes: p.shapesDrawn,
                      })}
                    </p>
                  </li>
                );
              })}
            </ul>
          )}
          <p className="mt-4 text-xs text-slate-500">
            {t("total", { total: formatDuration(stats.totalSpeakingMs) })}
          </p>
          <FloorFairness stats={stats} />
        </div>
      </div>
    </Card>
  );
}
