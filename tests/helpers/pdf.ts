// PDF text through poppler's pdftotext (installed on CI with poppler-utils).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The text of each page, in reading order. */
export function pdfPages(pdf: Buffer): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), "orchestrasec-pdf-"));
  try {
    const file = path.join(dir, "record.pdf");
    writeFileSync(file, pdf);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    return text.split("\f").slice(0, -1); // a form feed ends every page
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lines without layout noise: trimmed, blank lines dropped (stable across poppler versions). */
export const pdfLines = (pages: string[]) =>
  pages.flatMap((p, i) => [
    `--- page ${i + 1} ---`,
    ...p
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
  ]);
