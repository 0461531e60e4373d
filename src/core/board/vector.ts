import { BOARD_HEIGHT, BOARD_WIDTH } from "../room/ephemeral";
import { PALETTE, type Point, type Shape } from "./shapes";

// The board as vector marks: one description of how each shape looks, drawn by the SVG download
// and by the PDF minutes (pdfkit takes SVG path data), so the paper and the file show the same
// board. The screen draws with konva from the same shapes and the same sizes (BoardStage).

/** Sizes the screen uses too: text and notes, the highlighter's width and the arrow's head. */
export const LOOK = {
  textSize: 32,
  note: { width: 240, height: 160, padding: 10, textSize: 24, radius: 6 },
  highlighter: { widthFactor: 3, opacity: 0.4 },
  arrowHead: 10,
} as const;

export type Mark =
  | {
      kind: "path";
      /** SVG path data, in board coordinates. */
      d: string;
      stroke: string | null;
      fill: string | null;
      width: number;
      opacity: number;
    }
  | { kind: "text"; x: number; y: number; text: string; size: number; color: string; wrap: number | null };

const r = (n: number) => Math.round(n * 100) / 100;
const pt = ([x, y]: Point) => `${r(x)} ${r(y)}`;
const mid = (a: Point, b: Point): Point => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

/** A freehand line smoothed through the midpoints of its segments (quadratic curves). */
function smoothPath(points: readonly Point[]): string {
  if (points.length === 1) return `M ${pt(points[0])} L ${pt(points[0])}`;
  if (points.length === 2) return `M ${pt(points[0])} L ${pt(points[1])}`;
  let d = `M ${pt(points[0])}`;
  for (let i = 1; i < points.length - 1; i++) d += ` Q ${pt(points[i])} ${pt(mid(points[i], points[i + 1]))}`;
  return `${d} L ${pt(points[points.length - 1])}`;
}

/** The filled head of an arrow pointing at `to`, as the screen draws it (LOOK.arrowHead long). */
function arrowHead(from: Point, to: Point, width: number): string {
  const len = LOOK.arrowHead + width;
  const angle = Math.atan2(to[1] - from[1], to[0] - from[0]);
  const side = (turn: number): Point => [
    to[0] - len * Math.cos(angle + turn),
    to[1] - len * Math.sin(angle + turn),
  ];
  return `M ${pt(to)} L ${pt(side(Math.PI / 6))} L ${pt(side(-Math.PI / 6))} Z`;
}

const line = (d: string, color: string, width: number, opacity = 1): Mark => ({
  kind: "path",
  d,
  stroke: color,
  fill: null,
  width,
  opacity,
});

/** How one shape looks, as marks in drawing order. */
export function marksOf(s: Shape): Mark[] {
  const color = PALETTE[s.color];
  switch (s.kind) {
    case "pen":
      return [line(smoothPath(s.points), color, s.width)];
    case "highlighter":
      return [
        line(smoothPath(s.points), color, s.width * LOOK.highlighter.widthFactor, LOOK.highlighter.opacity),
      ];
    case "line":
      return [line(`M ${pt(s.from)} L ${pt(s.to)}`, color, s.width)];
    case "arrow":
      return [
        line(`M ${pt(s.from)} L ${pt(s.to)}`, color, s.width),
        {
          kind: "path",
          d: arrowHead(s.from, s.to, s.width),
          stroke: null,
          fill: color,
          width: 0,
          opacity: 1,
        },
      ];
    case "rect": {
      const [x0, x1] = [Math.min(s.from[0], s.to[0]), Math.max(s.from[0], s.to[0])];
      const [y0, y1] = [Math.min(s.from[1], s.to[1]), Math.max(s.from[1], s.to[1])];
      return [line(`M ${x0} ${y0} H ${x1} V ${y1} H ${x0} Z`, color, s.width)];
    }
    case "ellipse": {
      const [cx, cy] = mid(s.from, s.to);
      const rx = r(Math.abs(s.to[0] - s.from[0]) / 2);
      const ry = r(Math.abs(s.to[1] - s.from[1]) / 2);
      const d = `M ${r(cx - rx)} ${r(cy)} A ${rx} ${ry} 0 1 0 ${r(cx + rx)} ${r(cy)} A ${rx} ${ry} 0 1 0 ${r(cx - rx)} ${r(cy)} Z`;
      return [line(d, color, s.width)];
    }
    case "text":
      return [{ kind: "text", x: s.at[0], y: s.at[1], text: s.text, size: LOOK.textSize, color, wrap: null }];
    case "note": {
      const { width, height, padding, textSize, radius } = LOOK.note;
      const [x, y] = s.at;
      const box = `M ${x + radius} ${y} H ${x + width - radius} A ${radius} ${radius} 0 0 1 ${x + width} ${y + radius} V ${y + height - radius} A ${radius} ${radius} 0 0 1 ${x + width - radius} ${y + height} H ${x + radius} A ${radius} ${radius} 0 0 1 ${x} ${y + height - radius} V ${y + radius} A ${radius} ${radius} 0 0 1 ${x + radius} ${y} Z`;
      return [
        { kind: "path", d: box, stroke: null, fill: PALETTE.yellow, width: 0, opacity: 1 },
        {
          kind: "text",
          x: x + padding,
          y: y + padding,
          text: s.text,
          size: textSize,
          // Yellow ink on a yellow note would not read: such a note is written in black.
          color: s.color === "yellow" ? PALETTE.black : color,
          wrap: width - 2 * padding,
        },
      ];
    }
  }
}

const escape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The line height of text marks in SVG, as a multiple of the font size. */
export const SVG_LINE_HEIGHT = 1.2;

/**
 * A text mark's lines, each at most its wrap width, by an average glyph width (SVG does not wrap
 * text; the PDF wraps with its own font metrics instead).
 */
export function textLines(m: Extract<Mark, { kind: "text" }>): string[] {
  const { text, size, wrap: width } = m;
  const lines = text.split("\n");
  if (width === null) return lines;
  const perLine = Math.max(1, Math.floor(width / (size * 0.55)));
  return lines.flatMap((l) => {
    const out: string[] = [];
    let current = "";
    for (const word of l.split(/\s+/)) {
      const next = current ? `${current} ${word}` : word;
      if (next.length > perLine && current) {
        out.push(current);
        current = word;
      } else current = next;
    }
    out.push(current);
    return out;
  });
}

function svgMark(m: Mark): string {
  if (m.kind === "text") {
    const spans = textLines(m)
      .map(
        (l, i) => `<tspan x="${m.x}" dy="${i === 0 ? 0 : r(m.size * SVG_LINE_HEIGHT)}">${escape(l)}</tspan>`,
      )
      .join("");
    return `<text x="${m.x}" y="${m.y}" font-size="${m.size}" fill="${m.color}" font-family="sans-serif" dominant-baseline="hanging">${spans}</text>`;
  }
  const stroke = m.stroke
    ? ` stroke="${m.stroke}" stroke-width="${m.width}" stroke-linecap="round" stroke-linejoin="round"`
    : "";
  const opacity = m.opacity === 1 ? "" : ` opacity="${m.opacity}"`;
  return `<path d="${m.d}" fill="${m.fill ?? "none"}"${stroke}${opacity}/>`;
}

/** The board as a standalone SVG file (white background, the logical board's size). */
export function boardSvg(shapes: readonly Shape[], title: string): string {
  const body = shapes.flatMap(marksOf).map(svgMark).join("\n");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${BOARD_WIDTH}" height="${BOARD_HEIGHT}" viewBox="0 0 ${BOARD_WIDTH} ${BOARD_HEIGHT}">`,
    `<title>${escape(title)}</title>`,
    `<rect width="${BOARD_WIDTH}" height="${BOARD_HEIGHT}" fill="#ffffff"/>`,
    body,
    `</svg>`,
    "",
  ].join("\n");
}
