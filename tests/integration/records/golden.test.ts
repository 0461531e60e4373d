// Golden tests of the three export formats on the scripted meeting (tests/helpers/scripted-record):
// fixed ids, times and key, so every byte is stable. After an intended change of a format,
// regenerate with `npm run test:golden:update` and review the diff of tests/integration/records/golden/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyChain } from "@/core/audit/verify";
import { genesisHash } from "@/core/audit/chain";
import { meetingMinutes } from "@/core/records/minutes";
import { renderCsv } from "@/server/services/records/csv";
import { renderPdf } from "@/server/services/records/pdf";
import { recordText } from "@/server/services/records/i18n";
import { toStatus } from "@/server/services/records/queries";
import { verifyBundle } from "@/core/audit/verify-bundle";
import { MEETING_ID, PEOPLE, scriptedEvents, scriptedRows } from "../../helpers/scripted-record";
import { scriptedBundleText, testPublicKeyPem } from "../../helpers/record-bundle";
import { pdfLines, pdfPagePixels, pdfPages, pixelsOfColour } from "../../helpers/pdf";
import { scriptedWithBoard } from "../../helpers/scripted-board";

const GOLDEN = path.join(import.meta.dirname, "golden");
const names = new Map(PEOPLE.map((p) => [p.id, p.name]));
const people = { list: PEOPLE, name: (id: string | null | undefined) => (id ? (names.get(id) ?? id) : "") };
const rows = scriptedRows();
const head = { seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash };

/**
 * Compares with the reviewed golden file. A missing file fails: only `npm run test:golden:update`
 * (UPDATE_GOLDEN=1) writes one, and then the diff is what a reviewer reads.
 */
function golden(file: string, actual: string): void {
  const target = path.join(GOLDEN, file);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(target, actual);
    return;
  }
  expect(existsSync(target), `${target} is missing: run npm run test:golden:update`).toBe(true);
  expect(actual).toBe(readFileSync(target, "utf8"));
}

async function scriptedPdf(
  locale: "en" | "fr",
  name = people.name,
  events = scriptedEvents,
): Promise<Buffer> {
  return renderPdf({
    minutes: meetingMinutes(events),
    name,
    text: await recordText(locale),
    meetingId: MEETING_ID,
    status: toStatus(verifyChain(MEETING_ID, rows, { lastSeq: head.seq, lastHash: head.hash }), head.seq),
    head,
    genesis: genesisHash(MEETING_ID),
    exported: { at: scriptedEvents.at(-1)!.at, by: "Ida Auditor" },
    keyId: "ed25519:00112233445566778899aabbccddeeff",
    keyUrl: "https://orchestrasec.example/.well-known/orchestrasec-signing-key",
  });
}

describe("export formats on the scripted meeting (golden)", () => {
  it("JSON: the signed bundle, byte for byte, and it verifies", () => {
    const text = scriptedBundleText();
    golden("record.json", text);
    expect(verifyBundle(text, testPublicKeyPem).ok).toBe(true);
  });

  it("CSV: one row per event, in English and in French", async () => {
    golden("record.en.csv", renderCsv(rows, people, await recordText("en")));
    golden("record.fr.csv", renderCsv(rows, people, await recordText("fr")));
  });

  it("PDF: the minutes' text and page count, with the chain head on the last page", async () => {
    for (const locale of ["en", "fr"] as const) {
      const pages = pdfPages(await scriptedPdf(locale));
      expect(pages, locale).toHaveLength(4);
      golden(`record.${locale}.pdf.txt`, `${pdfLines(pages).join("\n")}\n`);
      expect(pages.at(-1)).toContain(head.hash);
    }
  });

  it("PDF: people's names print as written in any European script", async () => {
    const renamed = new Map([
      ["u_bob", "Łukasz Żółć"],
      ["u_cy", "Ελένη Παππά"],
      ["u_dee", "Дмитрий Орлов"],
    ]);
    const name = (id: string | null | undefined) => (id && renamed.get(id)) || people.name(id);
    const text = pdfLines(pdfPages(await scriptedPdf("en", name))).join("\n");
    for (const written of renamed.values()) expect(text).toContain(written);
    expect(text).not.toContain("?");
  });

  it("PDF: the board at the decision and at the end, drawn as vectors with its text", async () => {
    const events = scriptedWithBoard(
      [
        {
          actorId: "u_cy",
          shape: {
            kind: "pen",
            id: "pen-0001",
            color: "blue",
            width: 16,
            points: [
              [100, 100],
              [800, 400],
              [1500, 120],
            ],
          },
        },
        {
          actorId: "u_cy",
          shape: { kind: "rect", id: "rect-001", color: "red", width: 16, from: [200, 500], to: [700, 850] },
        },
        {
          actorId: "u_cy",
          shape: { kind: "note", id: "note-001", color: "black", at: [1000, 600], text: "Budget lines" },
        },
      ],
      "c".repeat(64),
    );
    const pdf = await scriptedPdf("en", people.name, events);
    const pages = pdfPages(pdf);
    const text = pdfLines(pages).join("\n");
    expect(text).toContain("Board at closing");
    expect(text).toContain("3 shapes, drawn below; hash");
    expect(text).toContain("The board at the end of the meeting: 3 shapes.");
    // The note's text is text on the paper, at the decision and at the end.
    expect(text.split("Budget lines")).toHaveLength(3);
    // And the shapes are drawn: the palette's blue, red and the notes' yellow are on the page.
    const page = pages.findIndex((p) => p.includes("Shared canvas")) + 1;
    const pixels = pdfPagePixels(pdf, page);
    for (const colour of ["#2563eb", "#dc2626", "#facc15"])
      expect(pixelsOfColour(pixels, colour), colour).toBeGreaterThan(100);
    // The golden meeting, whose board stayed empty, has none of them.
    const plain = await scriptedPdf("en");
    const plainPage = pdfPages(plain).findIndex((p) => p.includes("Shared canvas")) + 1;
    expect(pixelsOfColour(pdfPagePixels(plain, plainPage), "#2563eb")).toBe(0);
  });
});
