import { formatDuration } from "@/lib/format";
import type { PdfWriter } from "./pdf-layout";
import { utcTime } from "./i18n";
import type { PdfInput } from "./pdf-sections";

// The PDF's fair-floor section: how much of the floor went by queue order and how much by
// override, then every override (who moved whom past whom, and why) and every point of order
// with its outcome. Kept apart from pdf-sections.ts, which holds the older sections.

const NONE = "–";

/** Turns by order vs override, and the average wait, over the whole meeting. */
function writeSplit(w: PdfWriter, input: PdfInput): void {
  const { t, locale } = input.text;
  const { participants, overrideShare, meanWaitPerPersonMs } = input.minutes.stats;
  const sum = (f: (p: (typeof participants)[number]) => number) => participants.reduce((a, p) => a + f(p), 0);
  w.facts([
    [
      t("pdf.floor.split"),
      t("pdf.floor.splitValue", {
        byOrder: sum((p) => p.turnsByOrder),
        byOverride: sum((p) => p.turnsByOverride),
        share: new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(
          overrideShare,
        ),
      }),
    ],
    [t("pdf.floor.meanWait"), meanWaitPerPersonMs === null ? NONE : formatDuration(meanWaitPerPersonMs)],
  ]);
}

export function writeFloor(w: PdfWriter, input: PdfInput): void {
  const { t } = input.text;
  const { name } = input;
  const { overrides, points } = input.minutes.floor;
  w.heading(t("pdf.sections.floor"));
  writeSplit(w, input);

  w.paragraph(t("pdf.floor.overrides"), { bold: true, size: 11 });
  if (overrides.length === 0) w.paragraph(t("pdf.floor.noOverrides"), { muted: true });
  else
    w.table(
      [
        { header: t("pdf.floor.columns.time"), width: 0.12 },
        { header: t("pdf.floor.columns.by"), width: 0.15 },
        { header: t("pdf.floor.columns.moved"), width: 0.15 },
        { header: t("pdf.floor.columns.change"), width: 0.16 },
        { header: t("pdf.floor.columns.skipped"), width: 0.2 },
        { header: t("pdf.floor.columns.reason"), width: 0.22 },
      ],
      overrides.map((o) => [
        utcTime(o.at),
        name(o.by),
        name(o.userId),
        t("pdf.floor.change", { kind: o.kind, from: o.from, to: o.to }),
        o.skipped.map(name).join(", ") || NONE,
        o.reason ?? NONE,
      ]),
    );

  w.paragraph(t("pdf.floor.points"), { bold: true, size: 11 });
  if (points.length === 0) w.paragraph(t("pdf.floor.noPoints"), { muted: true });
  else
    w.table(
      [
        { header: t("pdf.floor.columns.time"), width: 0.12 },
        { header: t("pdf.floor.columns.raisedBy"), width: 0.15 },
        { header: t("pdf.floor.columns.point"), width: 0.23 },
        { header: t("pdf.floor.columns.outcome"), width: 0.2 },
        { header: t("pdf.floor.columns.decided"), width: 0.1 },
        { header: t("pdf.floor.columns.declineReason"), width: 0.2 },
      ],
      points.map((p) => [
        utcTime(p.raisedAt),
        name(p.userId),
        p.reason,
        t("pdf.floor.outcome", { outcome: p.outcome, by: name(p.decidedBy) }),
        p.decidedAt ? utcTime(p.decidedAt) : NONE,
        p.declineReason ?? NONE,
      ]),
    );
}
