import type { Minutes, DecisionMinute } from "@/core/records/minutes";
import type { NameOf } from "@/core/records/describe";
import { formatDuration } from "@/lib/format";
import { FIRST_PHASE } from "@/core/phases/phase";
import { PdfWriter } from "./pdf-layout";
import { utc, utcTime, type RecordText } from "./i18n";
import type { RecordStatus } from "./queries";
import type { Shape } from "@/core/board/shapes";
import { marksOf } from "@/core/board/vector";
import { BOARD_HEIGHT, BOARD_WIDTH } from "@/core/room/ephemeral";

// The sections of the PDF record, in the order a reader wants them (see pdf.ts).

export interface PdfInput {
  minutes: Minutes;
  name: NameOf;
  text: RecordText;
  meetingId: string;
  status: RecordStatus;
  head: { seq: number; hash: string } | null;
  genesis: string;
  exported: { at: Date; by: string };
  keyId: string;
  keyUrl: string | null;
}

const percent = (fraction: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(fraction);
const decimal = (n: number, locale: string, digits = 2) =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
const maybeDuration = (ms: number | null) => (ms === null ? "–" : formatDuration(ms));

function optionLabel(d: DecisionMinute, id: string, t: RecordText["t"]): string {
  const label = d.options.find((o) => o.id === id)?.label;
  return label ?? (["yes", "no", "abstain"].includes(id) ? t(`pdf.decisions.option.${id}`) : id);
}

function decisionLines(d: DecisionMinute, input: PdfInput): string[][] {
  const { t, locale } = input.text;
  return d.options.map((o) => {
    const count = d.counts?.[o.id];
    const won = d.winningOptionId === o.id;
    return [
      `${optionLabel(d, o.id, t)}${won ? ` (${t("pdf.decisions.adoptedOption")})` : ""}`,
      count === undefined ? "–" : String(count),
      count === undefined || !d.counts ? "–" : percent(count / Math.max(1, sumOf(d.counts)), locale),
    ];
  });
}

const sumOf = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Each proposal: its text, rules, turnout, outcome and tally. */
export function writeDecisions(w: PdfWriter, input: PdfInput): void {
  const { t } = input.text;
  const { decisions } = input.minutes;
  w.heading(t("pdf.sections.decisions"));
  if (decisions.length === 0) return w.paragraph(t("pdf.decisions.none"), { muted: true });
  for (const d of decisions) {
    w.ensure(90);
    w.paragraph(d.title || d.proposalId, { bold: true, size: 11 });
    if (d.text) w.paragraph(d.text);
    w.facts([
      [
        t("pdf.decisions.rules"),
        t("pdf.decisions.rulesValue", {
          secrecy: d.secrecy ?? "",
          majority: d.majority ?? "",
          hasQuorum: d.quorumPercent === null ? "no" : "yes",
          quorum: d.quorumPercent ?? 0,
        }),
      ],
      [t("pdf.decisions.opened"), utc(d.openedAt)],
      [t("pdf.decisions.closed"), d.closedAt ? utc(d.closedAt) : t("pdf.decisions.stillOpen")],
      [
        t("pdf.decisions.turnout"),
        d.entitled === null
          ? t("pdf.decisions.ballots", { count: d.ballotsCast })
          : t("pdf.decisions.turnoutValue", {
              voted: d.counts ? sumOf(d.counts) : d.ballotsCast,
              entitled: d.entitled,
            }),
      ],
      [t("pdf.decisions.outcome"), t("pdf.decisions.outcomes", { outcome: d.outcome ?? "open" })],
      ...(d.boardHash === null
        ? []
        : [
            [
              t("pdf.board.atClosing"),
              t("pdf.board.atClosingValue", { count: d.board.length, hash: d.boardHash }),
            ] as [string, string],
          ]),
    ]);
    if (d.counts) {
      w.table(
        [
          { header: t("pdf.decisions.option.header"), width: 0.6 },
          { header: t("pdf.decisions.votes"), width: 0.2, align: "right" },
          { header: t("pdf.decisions.share"), width: 0.2, align: "right" },
        ],
        decisionLines(d, input),
      );
    }
    // What was on the board when the vote closed, at half width beside nothing else.
    if (d.board.length) drawBoard(w, d.board, 0.5);
  }
}

/** `shapes` drawn as vectors, `share` of the text width wide. */
const BOARD = { width: BOARD_WIDTH, height: BOARD_HEIGHT };
function drawBoard(w: PdfWriter, shapes: readonly Shape[], share: number): void {
  w.drawing(shapes.flatMap(marksOf), BOARD, share);
}

/** The shared canvas as it stood at the end, drawn as vectors. */
export function writeBoard(w: PdfWriter, input: PdfInput): void {
  const { t } = input.text;
  const { board } = input.minutes;
  // The heading and its sentence stay on the drawing's page.
  if (board.length) w.ensure(w.drawingHeight(BOARD) + 90);
  w.heading(t("pdf.sections.board"));
  if (board.length === 0) return w.paragraph(t("pdf.board.empty"), { muted: true });
  w.paragraph(t("pdf.board.final", { count: board.length }));
  drawBoard(w, board, 1);
}

/** The equity index, speaking time as bars, and participation per person. */
export function writeStats(w: PdfWriter, input: PdfInput): void {
  const { t, locale } = input.text;
  const { stats } = input.minutes;
  w.heading(t("pdf.sections.stats"));
  const speakers = stats.participants.filter((p) => p.present || p.speakingMs > 0);
  const longest = Math.max(1, ...speakers.map((p) => p.speakingMs));
  w.paragraph(
    t("pdf.stats.equity", {
      value: decimal(stats.equity, locale),
      people: speakers.filter((p) => p.present).length,
    }),
    { bold: true },
  );
  w.paragraph(t("pdf.stats.equityHelp"), { muted: true, size: 9 });
  w.bars(
    speakers.map((p) => ({
      label: input.name(p.userId),
      fraction: p.speakingMs / longest,
      caption: `${formatDuration(p.speakingMs)} (${percent(p.share, locale)})`,
    })),
  );
  w.table(
    [
      { header: t("pdf.columns.person"), width: 0.22 },
      { header: t("pdf.columns.speaking"), width: 0.12, align: "right" },
      { header: t("pdf.columns.turns"), width: 0.1, align: "right" },
      { header: t("pdf.columns.meanWait"), width: 0.13, align: "right" },
      { header: t("pdf.columns.longestWait"), width: 0.13, align: "right" },
      { header: t("pdf.columns.ideas"), width: 0.1, align: "right" },
      { header: t("pdf.columns.votes"), width: 0.1, align: "right" },
      { header: t("pdf.columns.shapes"), width: 0.1, align: "right" },
    ],
    stats.participants.map((p) => [
      input.name(p.userId),
      formatDuration(p.speakingMs),
      String(p.turns),
      maybeDuration(p.meanWaitMs),
      maybeDuration(p.longestWaitMs),
      String(p.ideasPosted),
      String(p.votesCast),
      String(p.shapesDrawn),
    ]),
  );
}

/** On its own last page: the chain head, the genesis, and how to verify. */
export function writeVerification(w: PdfWriter, input: PdfInput): void {
  const { t } = input.text;
  const { status, head } = input;
  w.newPage();
  w.heading(t("pdf.sections.verify"));
  w.paragraph(
    status.ok
      ? t("pdf.verify.ok", { seq: status.verifiedThrough })
      : t("pdf.verify.broken", {
          seq: status.brokenAt ?? 0,
          reason: status.reason ?? "",
          through: status.verifiedThrough,
        }),
    { bold: true },
  );
  w.facts([
    [t("pdf.verify.meetingId"), input.meetingId],
    [t("pdf.verify.headSeq"), head ? `#${head.seq}` : "–"],
  ]);
  w.paragraph(t("pdf.verify.headHash", { seq: head?.seq ?? 0 }), { bold: true, size: 9 });
  w.paragraph(head?.hash ?? "–", { mono: true, size: 10 });
  w.paragraph(t("pdf.verify.genesis"), { bold: true, size: 9 });
  w.paragraph(input.genesis, { mono: true, size: 10 });
  w.paragraph(t("pdf.verify.keyId", { keyId: input.keyId }), { size: 9 });
  w.paragraph(t("pdf.verify.howHeading"), { bold: true });
  const steps = ["step1", "step2", "step3", "step4"].map(
    (s, i) =>
      `${i + 1}. ${t(`pdf.verify.${s}`, { meetingId: input.meetingId, seq: head?.seq ?? 0, keyUrl: input.keyUrl ?? "/.well-known/orchestrasec-signing-key" })}`,
  );
  for (const step of steps) w.paragraph(step);
  w.paragraph(t("pdf.verify.chainRule"), { muted: true, size: 9 });
}

/** Title, export facts, and the record's state at a glance. */
export function writeSummary(w: PdfWriter, input: PdfInput): void {
  const { t } = input.text;
  const m = input.minutes;
  w.title(
    t("pdf.title", { title: m.title }),
    t("pdf.subtitle", { at: utc(input.exported.at), by: input.exported.by }),
  );
  if (m.description) w.paragraph(m.description);
  w.facts([
    [t("pdf.facts.meeting"), input.meetingId],
    [t("pdf.facts.started"), m.startedAt ? utc(m.startedAt) : "–"],
    [t("pdf.facts.lastEvent"), m.endedAt ? utc(m.endedAt) : "–"],
    [t("pdf.facts.phase"), input.text.phase(m.phases.at(-1)?.phase ?? FIRST_PHASE)],
    [t("pdf.facts.events"), String(input.head?.seq ?? 0)],
    [
      t("pdf.facts.record"),
      input.status.ok
        ? t("pdf.facts.recordOk", { seq: input.status.verifiedThrough })
        : t("pdf.facts.recordBroken", { seq: input.status.brokenAt ?? 0 }),
    ],
  ]);
}

/** Everyone who joined, with their final role. */
export function writeAttendees(w: PdfWriter, input: PdfInput): void {
  const { t } = input.text;
  const m = input.minutes;
  w.heading(t("pdf.sections.attendees"));
  w.table(
    [
      { header: t("pdf.columns.person"), width: 0.3 },
      { header: t("pdf.columns.role"), width: 0.2 },
      { header: t("pdf.columns.joined"), width: 0.25 },
      { header: t("pdf.columns.left"), width: 0.25 },
    ],
    m.attendees.map((a) => [
      input.name(a.userId),
      input.text.role(a.role),
      utc(a.joinedAt),
      a.leftAt ? utc(a.leftAt) : "–",
    ]),
  );
}

/** Each phase with its start, end, duration and the reason given. */
export function writePhases(w: PdfWriter, input: PdfInput): void {
  const { t } = input.text;
  const m = input.minutes;
  w.heading(t("pdf.sections.phases"));
  w.table(
    [
      { header: t("pdf.columns.phase"), width: 0.2 },
      { header: t("pdf.columns.from"), width: 0.25 },
      { header: t("pdf.columns.to"), width: 0.25 },
      { header: t("pdf.columns.duration"), width: 0.1, align: "right" },
      { header: t("pdf.columns.reason"), width: 0.2 },
    ],
    m.phases.map((p) => [
      input.text.phase(p.phase),
      utc(p.from),
      p.to ? utc(p.to) : "–",
      p.to ? formatDuration(p.to.getTime() - p.from.getTime()) : "–",
      p.reason ?? "",
    ]),
  );
}

/** Every speaking turn, with its duration and how it ended. */
export function writeTurns(w: PdfWriter, input: PdfInput): void {
  const { t } = input.text;
  const m = input.minutes;
  w.heading(t("pdf.sections.turns"));
  if (m.turns.length === 0) w.paragraph(t("pdf.turns.none"), { muted: true });
  else
    w.table(
      [
        { header: "#", width: 0.06, align: "right" },
        { header: t("pdf.columns.person"), width: 0.3 },
        { header: t("pdf.columns.startUtc"), width: 0.16 },
        { header: t("pdf.columns.endUtc"), width: 0.16 },
        { header: t("pdf.columns.duration"), width: 0.12, align: "right" },
        { header: t("pdf.columns.ended"), width: 0.2 },
      ],
      m.turns.map((turn, i) => [
        String(i + 1),
        input.name(turn.userId),
        utcTime(turn.start),
        turn.end ? utcTime(turn.end) : "–",
        formatDuration(turn.durationMs),
        t("pdf.turns.endReason", { reason: turn.endReason ?? "running" }),
      ]),
    );
}

/** Ideas in their latest wording. */
export function writeIdeas(w: PdfWriter, input: PdfInput): void {
  const { t } = input.text;
  const m = input.minutes;
  w.heading(t("pdf.sections.ideas"));
  if (m.ideas.length === 0) w.paragraph(t("pdf.ideas.none"), { muted: true });
  else
    w.table(
      [
        { header: t("pdf.columns.idea"), width: 0.46 },
        { header: t("pdf.columns.author"), width: 0.2 },
        { header: t("pdf.columns.revisions"), width: 0.16, align: "right" },
        { header: t("pdf.columns.comments"), width: 0.18, align: "right" },
      ],
      m.ideas.map((i) => [i.text, input.name(i.authorId), String(i.revisions), String(i.comments)]),
    );
}

/** Ratings as bars, and the comments, without their authors. */
export function writeFeedback(w: PdfWriter, input: PdfInput): void {
  const { t } = input.text;
  const m = input.minutes;
  w.heading(t("pdf.sections.feedback"));
  const f = m.feedback;
  if (f.count === 0) w.paragraph(t("pdf.feedback.none"), { muted: true });
  else {
    w.paragraph(
      t("pdf.feedback.summary", { count: f.count, mean: decimal(f.mean ?? 0, input.text.locale) }),
      { bold: true },
    );
    const most = Math.max(1, ...Object.values(f.distribution));
    w.bars(
      ([5, 4, 3, 2, 1] as const).map((r) => ({
        label: t("pdf.feedback.stars", { rating: r }),
        fraction: f.distribution[r] / most,
        caption: String(f.distribution[r]),
      })),
    );
    for (const c of f.comments) w.paragraph(t("pdf.feedback.comment", { text: c }), { muted: true });
  }
}

/** Who downloaded this record, when, in which format. */
export function writeExports(w: PdfWriter, input: PdfInput): void {
  const { t } = input.text;
  const m = input.minutes;
  w.heading(t("pdf.sections.exports"));
  w.table(
    [
      { header: t("pdf.columns.when"), width: 0.35 },
      { header: t("pdf.columns.who"), width: 0.45 },
      { header: t("pdf.columns.format"), width: 0.2 },
    ],
    m.exports.map((e) => [utc(e.at), input.name(e.actorId), e.format.toUpperCase()]),
  );
}
