import type { Point, Shape, ShapeKind } from "@/core/board/shapes";
import type { ColorName } from "@/core/board/shapes";

/** A tool of the canvas: a kind of shape it places, or select / eraser. */
export type Tool = ShapeKind | "select" | "eraser";

/** Tools in the toolbar's order, with their keyboard shortcut. */
export const TOOLS: { tool: Tool; key: string }[] = [
  { tool: "pen", key: "p" },
  { tool: "select", key: "v" },
  { tool: "eraser", key: "e" },
  { tool: "rect", key: "r" },
  { tool: "ellipse", key: "o" },
  { tool: "line", key: "l" },
  { tool: "arrow", key: "a" },
  { tool: "text", key: "t" },
  { tool: "note", key: "n" },
  { tool: "highlighter", key: "h" },
];

export interface Style {
  color: ColorName;
  width: 2 | 4 | 8 | 16;
}

const newShapeId = () => `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** The shape a drag from `points[0]` to its last point makes with `tool` (null: none). */
export function shapeOf(tool: Tool, points: readonly Point[], style: Style): Shape | null {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return null;
  const base = { id: newShapeId(), color: style.color };
  switch (tool) {
    case "pen":
    case "highlighter":
      return { kind: tool, ...base, width: style.width, points: [...points] };
    case "line":
    case "arrow":
    case "rect":
    case "ellipse":
      return first[0] === last[0] && first[1] === last[1]
        ? null
        : { kind: tool, ...base, width: style.width, from: first, to: last };
    default:
      return null;
  }
}

export const labelOf = (tool: Tool, at: Point, text: string, color: ColorName): Shape | null =>
  tool === "text" || tool === "note" ? { kind: tool, id: newShapeId(), color, at, text } : null;
