"use client";
import { useTranslations } from "next-intl";
import type { MeetingStats } from "@/core/stats/meeting";
import { formatDuration } from "@/lib/format";

/** How much of the floor went by queue order vs by override, and the average wait per person. */
export function FloorFairness({ stats }: { stats: MeetingStats }) {
  const t = useTranslations("floor.stats");
  const byOverride = stats.participants.reduce((sum, p) => sum + p.turnsByOverride, 0);
  const byOrder = stats.participants.reduce((sum, p) => sum + p.turnsByOrder, 0);
  return (
    <p className="mt-1 text-xs text-slate-500" data-testid="floor-fairness">
      {t("split", { byOrder, byOverride, share: Math.round(stats.overrideShare * 100) })} ·{" "}
      {t("meanWait", {
        wait: stats.meanWaitPerPersonMs === null ? "–" : formatDuration(stats.meanWaitPerPersonMs),
      })}
    </p>
  );
}
