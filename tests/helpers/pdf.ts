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

/**
 * Page `page` (1-based) drawn by poppler's pdftoppm at `dpi`, as RGB pixels: what a reader sees,
 * for checking that a drawing is on the paper and not only its text.
 */
export function pdfPagePixels(
  pdf: Buffer,
  page: number,
  dpi = 40,
): { width: number; height: number; rgb: Buffer } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "orchestrasec-pdf-"));
  try {
    const file = path.join(dir, "record.pdf");
    writeFileSync(file, pdf);
    const ppm = execFileSync("pdftoppm", ["-r", String(dpi), "-f", String(page), "-l", String(page), file]);
    // Binary PPM: "P6\n<width> <height>\n<max>\n" then width * height RGB triples.
    const header = ppm
      .subarray(0, 40)
      .toString("latin1")
      .match(/^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/);
    if (!header) throw new Error("pdftoppm did not write a binary PPM");
    const [whole, width, height] = header;
    return { width: Number(width), height: Number(height), rgb: ppm.subarray(whole.length) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How many pixels of `pixels` are within `tolerance` of the colour `#rrggbb`. */
export function pixelsOfColour(pixels: { rgb: Buffer }, hex: string, tolerance = 40): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i + 2 < pixels.rgb.length; i += 3)
    if (
      Math.abs(pixels.rgb[i] - r) <= tolerance &&
      Math.abs(pixels.rgb[i + 1] - g) <= tolerance &&
      Math.abs(pixels.rgb[i + 2] - b) <= tolerance
    )
      n++;
  return n;
}
