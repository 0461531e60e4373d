import { z } from "zod";
import { BOARD_HEIGHT, BOARD_WIDTH } from "../room/ephemeral";

// The shapes of the shared canvas, as the log stores them and every screen draws them. One zod
// schema for the server (what a command accepts) and the browser (what a tool may produce).
// Coordinates are integers on the fixed logical board (BOARD_WIDTH x BOARD_HEIGHT); screens scale.

/** The palette, by name (the name is what screen readers announce and what the log stores). */
export const PALETTE = {
  black: "#0f172a",
  red: "#dc2626",
  orange: "#ea580c",
  yellow: "#facc15",
  green: "#16a34a",
  blue: "#2563eb",
  purple: "#9333ea",
  pink: "#db2777",
  white: "#ffffff",
} as const;
export type ColorName = keyof typeof PALETTE;
export const COLOR_NAMES = Object.keys(PALETTE) as ColorName[];

export const WIDTHS = [2, 4, 8, 16] as const;

/** A freehand stroke has at most this many points (a longer one is simplified before sending). */
export const MAX_POINTS = 600;
export const TEXT_MAX = 500;
/** Shapes on one board at once: drawing more is refused until some are erased or cleared. */
export const MAX_SHAPES = 500;

const boardX = z.number().int("Board coordinates are whole numbers").min(0).max(BOARD_WIDTH);
const boardY = z.number().int("Board coordinates are whole numbers").min(0).max(BOARD_HEIGHT);
export const boardPoint = z.tuple([boardX, boardY]);
export const shapeId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{6,40}$/, "A shape id is 6 to 40 letters, digits, - or _");
export const colorName = z.enum(COLOR_NAMES as [ColorName, ...ColorName[]], {
  error: `A colour is one of ${COLOR_NAMES.join(", ")}`,
});
export const widthSchema = z.union([z.literal(2), z.literal(4), z.literal(8), z.literal(16)], {
  error: `A width is one of ${WIDTHS.join(", ")}`,
});
const text = z
  .string()
  .trim()
  .min(1, "A text needs some text")
  .max(TEXT_MAX, `A text is at most ${TEXT_MAX} characters`);

const base = { id: shapeId, color: colorName };
const stroke = {
  ...base,
  width: widthSchema,
  points: z.array(boardPoint).min(1).max(MAX_POINTS, `A stroke has at most ${MAX_POINTS} points`),
};
const segment = { ...base, width: widthSchema, from: boardPoint, to: boardPoint };
const label = { ...base, at: boardPoint, text };

export const shapeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("pen"), ...stroke }).strict(),
  z.object({ kind: z.literal("highlighter"), ...stroke }).strict(),
  z.object({ kind: z.literal("line"), ...segment }).strict(),
  z.object({ kind: z.literal("arrow"), ...segment }).strict(),
  z.object({ kind: z.literal("rect"), ...segment }).strict(),
  z.object({ kind: z.literal("ellipse"), ...segment }).strict(),
  z.object({ kind: z.literal("text"), ...label }).strict(),
  z.object({ kind: z.literal("note"), ...label }).strict(),
]);
export type Shape = z.infer<typeof shapeSchema>;
export type ShapeKind = Shape["kind"];
export type Point = [number, number];

/** The points a shape is placed by (its anchors). */
function anchors(s: Shape): Point[] {
  switch (s.kind) {
    case "pen":
    case "highlighter":
      return s.points;
    case "line":
    case "arrow":
    case "rect":
    case "ellipse":
      return [s.from, s.to];
    case "text":
    case "note":
      return [s.at];
  }
}

/**
 * The shape moved by (dx, dy), kept on the board: the move is cut short at the edge, the same
 * for every anchor, so the shape keeps its form.
 */
export function moveShape(s: Shape, dx: number, dy: number): Shape {
  const pts = anchors(s);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const ddx = Math.min(BOARD_WIDTH - Math.max(...xs), Math.max(-Math.min(...xs), Math.round(dx)));
  const ddy = Math.min(BOARD_HEIGHT - Math.max(...ys), Math.max(-Math.min(...ys), Math.round(dy)));
  const mv = (p: Point): Point => [p[0] + ddx, p[1] + ddy];
  switch (s.kind) {
    case "pen":
    case "highlighter":
      return { ...s, points: s.points.map(mv) };
    case "line":
    case "arrow":
    case "rect":
    case "ellipse":
      return { ...s, from: mv(s.from), to: mv(s.to) };
    case "text":
    case "note":
      return { ...s, at: mv(s.at) };
  }
}

/** Perpendicular distance of p from the segment a-b. */
function distance(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len = dx * dx + dy * dy;
  if (len === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/**
 * Ramer-Douglas-Peucker with a growing tolerance until the stroke has at most `max` points: a
 * long stroke keeps its look and fits the schema. Integer points in, a subset of them out.
 */
export function simplify(points: readonly Point[], max = MAX_POINTS): Point[] {
  if (points.length <= max) return [...points];
  const rdp = (pts: readonly Point[], eps: number): Point[] => {
    if (pts.length < 3) return [...pts];
    let worst = 0;
    let at = 0;
    for (let i = 1; i < pts.length - 1; i++) {
      const d = distance(pts[i], pts[0], pts[pts.length - 1]);
      if (d > worst) [worst, at] = [d, i];
    }
    if (worst <= eps) return [pts[0], pts[pts.length - 1]];
    return [...rdp(pts.slice(0, at + 1), eps).slice(0, -1), ...rdp(pts.slice(at), eps)];
  };
  for (let eps = 1; ; eps *= 2) {
    const out = rdp(points, eps);
    if (out.length <= max) return out;
  }
}
