"use client";
import { useTranslations } from "next-intl";
import { useOptionLabel } from "./useOptionLabel";

/** Votes per option as bars; the winning option stands out. */
export function TallyBars({
  options,
  counts,
  winner = null,
}: {
  options: { id: string; label: string | null }[];
  counts: Record<string, number>;
  winner?: string | null;
}) {
  const t = useTranslations("governance.tally");
  const labelOf = useOptionLabel();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <ul className="space-y-1.5" data-testid="tally">
      {options.map((o) => {
        const n = counts[o.id] ?? 0;
        const share = total === 0 ? 0 : Math.round((100 * n) / total);
        return (
          <li key={o.id} className="text-sm" data-option-id={o.id} data-count={n}>
            <div className="flex justify-between gap-2">
              <span className={o.id === winner ? "font-semibold text-emerald-800" : "text-slate-700"}>
                {labelOf(o)}
                {o.id === winner && <span className="sr-only"> ({t("winner")})</span>}
              </span>
              <span className="font-mono text-slate-600">{t("votes", { count: n, share })}</span>
            </div>
            <div className="mt-0.5 h-2 rounded-full bg-slate-100" aria-hidden>
              <div
                className={`h-2 rounded-full ${o.id === winner ? "bg-emerald-500" : "bg-indigo-400"}`}
                style={{ width: `${share}%` }}
              />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
