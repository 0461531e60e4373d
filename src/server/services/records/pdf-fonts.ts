// The minutes embed DejaVu Sans (pdfkit keeps only the glyphs used), so people's names and words
// in Latin scripts of every European language, Greek, Cyrillic, Hebrew, Armenian or Georgian
// print as written. pdfkit's standard Helvetica could only draw Windows-1252 ("Łukasz" lost its
// "Ł"). A character DejaVu lacks (Chinese, emoji...) prints as "?" rather than an empty box.
import fs from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";

/** Resolved from the working directory, not from this file: the Next bundle moves this file. */
const FONT_DIR = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");

const PDF_FONTS = {
  body: "DejaVuSansCondensed.ttf",
  bold: "DejaVuSansCondensed-Bold.ttf",
  mono: "DejaVuSansMono.ttf",
} as const;

export type PdfFont = keyof typeof PDF_FONTS;

let loaded: { files: Record<PdfFont, Buffer>; coverage: fontkit.Font } | undefined;

/** The font files (read once per process). */
export function pdfFontFiles(): Record<PdfFont, Buffer> {
  return load().files;
}

function load() {
  if (!loaded) {
    const files = Object.fromEntries(
      Object.entries(PDF_FONTS).map(([name, file]) => [name, fs.readFileSync(path.join(FONT_DIR, file))]),
    ) as Record<PdfFont, Buffer>;
    loaded = { files, coverage: fontkit.create(files.body) };
  }
  return loaded;
}

/** Text as the minutes can draw it: composed (NFC), with "?" for what the fonts lack. */
export function printable(text: string): string {
  const { coverage } = load();
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const code = ch.codePointAt(0)!;
    out += code === 0x0a || coverage.hasGlyphForCodePoint(code) ? ch : "?";
  }
  return out;
}
