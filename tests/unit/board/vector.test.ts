import { describe, expect, it } from "vitest";
import { boardSvg, marksOf } from "@/core/board/vector";

// How shapes look as vector marks (the SVG download and the PDF's board): the expected path data
// is written out by hand from the geometry, not produced by the code under test.

describe("board shapes as vector marks", () => {
  it("smooths a pen stroke through the midpoints of its segments", () => {
    const [mark] = marksOf({
      kind: "pen",
      id: "pen-001",
      color: "blue",
      width: 4,
      points: [
        [0, 0],
        [10, 0],
        [10, 10],
        [20, 10],
      ],
    });
    expect(mark).toEqual({
      kind: "path",
      d: "M 0 0 Q 10 0 10 5 Q 10 10 15 10 L 20 10",
      stroke: "#2563eb",
      fill: null,
      width: 4,
      opacity: 1,
    });
  });

  it("draws a one-point stroke as a dot, a highlighter three times wider and translucent", () => {
    const [dot] = marksOf({ kind: "pen", id: "pen-002", color: "red", width: 8, points: [[5, 6]] });
    expect(dot).toMatchObject({ d: "M 5 6 L 5 6", width: 8 });
    const [hl] = marksOf({
      kind: "highlighter",
      id: "hl-0001",
      color: "yellow",
      width: 8,
      points: [
        [1, 1],
        [9, 1],
      ],
    });
    expect(hl).toMatchObject({ d: "M 1 1 L 9 1", width: 24, opacity: 0.4, stroke: "#facc15" });
  });

  it("gives rectangles and ellipses their box whichever corner they were drawn from", () => {
    const rect = {
      id: "rect-01",
      color: "black" as const,
      width: 2 as const,
      from: [50, 40] as [number, number],
      to: [10, 20] as [number, number],
    };
    expect(marksOf({ kind: "rect", ...rect })[0]).toMatchObject({ d: "M 10 20 H 50 V 40 H 10 Z" });
    expect(marksOf({ kind: "ellipse", ...rect })[0]).toMatchObject({
      d: "M 10 30 A 20 10 0 1 0 50 30 A 20 10 0 1 0 10 30 Z",
    });
  });

  it("puts a filled head on an arrow, pointing at its end", () => {
    const marks = marksOf({
      kind: "arrow",
      id: "arrow-1",
      color: "green",
      width: 2,
      from: [0, 0],
      to: [100, 0],
    });
    expect(marks).toHaveLength(2);
    // Head 12 long (10 + width), its sides 30 degrees off the shaft: 100 - 12 cos 30 = 89.61.
    expect(marks[1]).toEqual({
      kind: "path",
      d: "M 100 0 L 89.61 -6 L 89.61 6 Z",
      stroke: null,
      fill: "#16a34a",
      width: 0,
      opacity: 1,
    });
  });

  it("writes a yellow note's text in black, inside the note", () => {
    const [, text] = marksOf({
      kind: "note",
      id: "note-01",
      color: "yellow",
      at: [100, 200],
      text: "Budget",
    });
    expect(text).toEqual({
      kind: "text",
      x: 110,
      y: 210,
      text: "Budget",
      size: 24,
      color: "#0f172a",
      wrap: 220,
    });
  });

  it("makes a standalone SVG file of the board, its text escaped", () => {
    const svg = boardSvg(
      [
        { kind: "line", id: "line-01", color: "purple", width: 16, from: [0, 0], to: [3, 4] },
        { kind: "text", id: "text-01", color: "pink", at: [7, 8], text: "a < b & c" },
      ],
      "Board <1>",
    );
    expect(svg).toBe(
      [
        '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900">',
        "<title>Board &lt;1&gt;</title>",
        '<rect width="1600" height="900" fill="#ffffff"/>',
        '<path d="M 0 0 L 3 4" fill="none" stroke="#9333ea" stroke-width="16" stroke-linecap="round" stroke-linejoin="round"/>',
        '<text x="7" y="8" font-size="32" fill="#db2777" font-family="sans-serif" dominant-baseline="hanging"><tspan x="7" dy="0">a &lt; b &amp; c</tspan></text>',
        "</svg>",
        "",
      ].join("\n"),
    );
  });
});
