import PDFDocument from "pdfkit";
import { pdfFontFiles, printable, type PdfFont } from "./pdf-fonts";
import type { Mark } from "@/core/board/vector";

// A small layout kit over pdfkit: headings, paragraphs, wrapped tables that continue on the next
// page with their header, horizontal bars, and "page X of Y" footers. One look for every record.

const BODY: PdfFont = "body";
const BOLD: PdfFont = "bold";
const MONO: PdfFont = "mono";

const INK = "#0f172a";
const MUTED = "#64748b";
const RULE = "#cbd5e1";
const ACCENT = "#4f46e5";
const BAR_BG = "#e2e8f0";

interface Column {
  header: string;
  /** Share of the text width; the shares of a table add up to 1. */
  width: number;
  align?: "left" | "right";
}

interface Bar {
  label: string;
  /** 0..1 of the longest bar. */
  fraction: number;
  caption: string;
  highlight?: boolean;
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;

  constructor(info: { title: string; author: string; subject: string; createdAt: Date }) {
    this.doc = new PDFDocument({
      size: "A4",
      margins: { top: 56, bottom: 64, left: 56, right: 56 },
      bufferPages: true,
      info: {
        Title: info.title,
        Author: info.author,
        Subject: info.subject,
        CreationDate: info.createdAt,
      },
    });
    for (const [name, file] of Object.entries(pdfFontFiles())) this.doc.registerFont(name, file);
    this.doc.font(BODY).fontSize(10).fillColor(INK);
  }

  private get left() {
    return this.doc.page.margins.left;
  }
  private get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  private get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  newPage(): void {
    this.doc.addPage();
  }

  title(text: string, subtitle?: string): void {
    this.doc
      .font(BOLD)
      .fontSize(20)
      .fillColor(INK)
      .text(printable(text), this.left, this.doc.y, { width: this.width });
    if (subtitle)
      this.doc
        .moveDown(0.2)
        .font(BODY)
        .fontSize(11)
        .fillColor(MUTED)
        .text(printable(subtitle), { width: this.width });
    this.doc.moveDown(0.8).fillColor(INK);
  }

  heading(text: string): void {
    this.ensure(60);
    this.doc.moveDown(0.6);
    const y = this.doc.y;
    this.doc
      .font(BOLD)
      .fontSize(13)
      .fillColor(ACCENT)
      .text(printable(text), this.left, y, { width: this.width });
    const ruleY = this.doc.y + 2;
    this.doc
      .moveTo(this.left, ruleY)
      .lineTo(this.left + this.width, ruleY)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    this.doc.y = ruleY + 6;
    this.doc.font(BODY).fontSize(10).fillColor(INK);
  }

  paragraph(
    text: string,
    opts: { muted?: boolean; bold?: boolean; mono?: boolean; size?: number } = {},
  ): void {
    const font = opts.mono ? MONO : opts.bold ? BOLD : BODY;
    this.doc
      .font(font)
      .fontSize(opts.size ?? 10)
      .fillColor(opts.muted ? MUTED : INK);
    this.ensure(this.doc.heightOfString(printable(text), { width: this.width }));
    this.doc.text(printable(text), this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3).font(BODY).fontSize(10).fillColor(INK);
  }

  /** Label: value lines, labels in a fixed column. */
  facts(rows: [label: string, value: string][]): void {
    const labelWidth = 130;
    for (const [label, value] of rows) {
      // A long label wraps too: the row is as tall as the taller of the two.
      const h = Math.max(
        this.doc.font(BODY).heightOfString(printable(value), { width: this.width - labelWidth }),
        this.doc.font(BOLD).heightOfString(printable(label), { width: labelWidth - 8 }),
        12,
      );
      this.ensure(h);
      const y = this.doc.y;
      this.doc
        .font(BOLD)
        .fillColor(MUTED)
        .text(printable(label), this.left, y, { width: labelWidth - 8 });
      this.doc
        .font(BODY)
        .fillColor(INK)
        .text(printable(value), this.left + labelWidth, y, { width: this.width - labelWidth });
      this.doc.y = Math.max(this.doc.y, y + h) + 2;
    }
    this.doc.moveDown(0.3);
  }

  table(columns: Column[], rows: string[][]): void {
    const pad = 4;
    const widths = columns.map((c) => c.width * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const rowHeight = (cells: string[], font: PdfFont) =>
      Math.max(
        ...cells.map((c, i) =>
          this.doc
            .font(font)
            .fontSize(9)
            .heightOfString(printable(c), { width: widths[i] - 2 * pad }),
        ),
      ) +
      2 * pad;

    const drawRow = (cells: string[], header: boolean) => {
      const font = header ? BOLD : BODY;
      const h = rowHeight(cells, font);
      const y = this.doc.y;
      if (header) this.doc.rect(this.left, y, this.width, h).fill("#f1f5f9");
      cells.forEach((c, i) => {
        this.doc
          .font(font)
          .fontSize(9)
          .fillColor(header ? MUTED : INK)
          .text(printable(c), xs[i] + pad, y + pad, {
            width: widths[i] - 2 * pad,
            align: columns[i].align ?? "left",
          });
      });
      this.doc
        .moveTo(this.left, y + h)
        .lineTo(this.left + this.width, y + h)
        .lineWidth(0.3)
        .strokeColor(RULE)
        .stroke();
      this.doc.y = y + h;
    };

    const headers = columns.map((c) => c.header);
    // A table that fits on one page is not split: it starts on the next page if need be.
    const total = rows.reduce((h, r) => h + rowHeight(r, BODY), rowHeight(headers, BOLD));
    const pageRoom = this.bottom - this.doc.page.margins.top;
    this.ensure(total <= pageRoom ? total : rowHeight(headers, BOLD) + rowHeight(rows[0] ?? headers, BODY));
    drawRow(headers, true);
    for (const row of rows) {
      if (this.doc.y + rowHeight(row, BODY) > this.bottom) {
        this.doc.addPage();
        drawRow(headers, true);
      }
      drawRow(row, false);
    }
    this.doc.x = this.left;
    this.doc.moveDown(0.6).font(BODY).fontSize(10).fillColor(INK);
  }

  bars(items: Bar[]): void {
    const labelWidth = 120;
    const captionWidth = 110;
    const barWidth = this.width - labelWidth - captionWidth - 12;
    for (const item of items) {
      this.ensure(18);
      const y = this.doc.y;
      this.doc.font(BODY).fontSize(9).fillColor(INK);
      this.doc.text(printable(item.label), this.left, y + 2, {
        width: labelWidth - 6,
        lineBreak: false,
        ellipsis: true,
      });
      this.doc.rect(this.left + labelWidth, y + 1, barWidth, 11).fill(BAR_BG);
      const w = Math.max(0, Math.min(1, item.fraction)) * barWidth;
      if (w > 0)
        this.doc.rect(this.left + labelWidth, y + 1, w, 11).fill(item.highlight ? "#f59e0b" : ACCENT);
      this.doc.fillColor(MUTED).text(printable(item.caption), this.left + labelWidth + barWidth + 12, y + 2, {
        width: captionWidth,
        lineBreak: false,
      });
      this.doc.y = y + 17;
    }
    this.doc.x = this.left;
    this.doc.moveDown(0.4).fillColor(INK);
  }

  /** How tall `drawing` makes a picture of `size` at `share` of the text width. */
  drawingHeight(size: { width: number; height: number }, share = 1): number {
    return (size.height * this.width * share) / size.width;
  }

  /**
   * A vector drawing (core/board/vector.ts marks on a `size` logical canvas) scaled to `share` of
   * the text width, framed, on one page: paths stay paths, text stays text (searchable).
   */
  drawing(marks: readonly Mark[], size: { width: number; height: number }, share = 1): void {
    const width = this.width * share;
    const scale = width / size.width;
    const height = this.drawingHeight(size, share);
    this.ensure(height + 10);
    const [x, y] = [this.left, this.doc.y];
    const doc = this.doc;
    doc.save();
    doc.rect(x, y, width, height).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.rect(x, y, width, height).clip();
    for (const m of marks) {
      doc.save();
      if (m.kind === "path") {
        // Paths in board coordinates, placed and scaled by the transformation.
        doc.translate(x, y).scale(scale).opacity(m.opacity).path(m.d);
        if (m.stroke) doc.lineWidth(m.width).lineCap("round").lineJoin("round");
        if (m.fill && m.stroke) doc.fillAndStroke(m.fill, m.stroke);
        else if (m.fill) doc.fill(m.fill);
        else if (m.stroke) doc.stroke(m.stroke);
      } else {
        // Text in page coordinates (pdfkit wraps and breaks pages in those), cut to the board.
        const top = y + m.y * scale;
        doc
          .font(BODY)
          .fontSize(m.size * scale)
          .fillColor(m.color)
          .text(printable(m.text), x + m.x * scale, top, {
            width: m.wrap === null ? undefined : m.wrap * scale,
            lineBreak: m.wrap !== null,
            height: Math.max(1, y + height - top),
            ellipsis: true,
          });
      }
      doc.restore();
    }
    doc.restore();
    this.doc.x = this.left;
    this.doc.y = y + height + 10;
    this.doc.font(BODY).fontSize(10).fillColor(INK);
  }

  /** Writes "page X of Y" (or any text) at the bottom of every page; call once, at the end. */
  footers(text: (page: number, pages: number) => string): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const bottomMargin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0; // writing inside the margin must not open a new page
      this.doc
        .font(BODY)
        .fontSize(8)
        .fillColor(MUTED)
        .text(printable(text(i + 1, count)), this.left, this.doc.page.height - 40, {
          width: this.width,
          align: "center",
          lineBreak: false,
        });
      this.doc.page.margins.bottom = bottomMargin;
    }
  }

  finish(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      this.doc.on("data", (c: Buffer) => chunks.push(c));
      this.doc.on("end", () => resolve(Buffer.concat(chunks)));
      this.doc.on("error", reject);
      this.doc.end();
    });
  }
}
