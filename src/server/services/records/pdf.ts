import { PdfWriter } from "./pdf-layout";
import {
  writeAttendees,
  writeBoard,
  writeDecisions,
  writeExports,
  writeFeedback,
  writeIdeas,
  writePhases,
  writeStats,
  writeSummary,
  writeTurns,
  writeVerification,
  type PdfInput,
} from "./pdf-sections";
import { writeFloor } from "./pdf-floor";

// The PDF record: the minutes a person reads (attendees, phases, turns, statistics, the floor's
// overrides and points of order, ideas, decisions, the shared canvas, feedback, downloads), then,
// on its own last page, the chain head and how to verify it.

const SECTIONS = [
  writeSummary,
  writeAttendees,
  writePhases,
  writeTurns,
  writeStats,
  writeFloor,
  writeIdeas,
  writeDecisions,
  writeBoard,
  writeFeedback,
  writeExports,
  writeVerification,
];

export async function renderPdf(input: PdfInput): Promise<Buffer> {
  const { t } = input.text;
  const { title } = input.minutes;
  const w = new PdfWriter({
    title: t("pdf.title", { title }),
    author: "OrchestraSec",
    subject: t("pdf.subject", { meetingId: input.meetingId }),
    createdAt: input.exported.at,
  });
  for (const write of SECTIONS) write(w, input);
  w.footers((page, pages) => t("pdf.footer", { title, page, pages }));
  return w.finish();
}
