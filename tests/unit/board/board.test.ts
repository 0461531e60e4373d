import { describe, expect, it } from "vitest";
import {
  applyBoardEvent,
  assertMayDraw,
  clear,
  draw,
  drawDenial,
  emptyBoard,
  erase,
  move,
  redo,
  setPolicy,
  undo,
  type BoardEvent,
  type BoardState,
} from "@/core/board/board";
import { boardHash } from "@/core/board/hash";
import { extendStroke, type LiveStroke } from "@/core/board/live";
import { MAX_POINTS, MAX_SHAPES, shapeSchema, simplify, type Shape, type Point } from "@/core/board/shapes";

const pen = (
  id: string,
  points: Point[] = [
    [10, 10],
    [20, 30],
  ],
): Extract<Shape, { kind: "pen" }> => ({
  kind: "pen",
  id,
  color: "blue",
  width: 4,
  points,
});
const rect = (id: string): Shape => ({
  kind: "rect",
  id,
  color: "red",
  width: 2,
  from: [100, 100],
  to: [200, 150],
});

/** Folds (actor, event) pairs, numbering them from seq 1. */
const fold = (steps: [string | null, BoardEvent][], from: BoardState = emptyBoard()) =>
  steps.reduce((b, [by, e], i) => applyBoardEvent(b, e, by, i + 1), from);

const ids = (b: BoardState) => b.shapes.map((s) => s.shape.id);

describe("who may draw", () => {
  it("is the floor's holder, and facilitators only when the meeting says so", () => {
    expect(drawDenial("HOLDER", "ana", "ana", "PARTICIPANT")).toBeNull();
    expect(drawDenial("HOLDER", "ana", "bob", "FACILITATOR")).toBe("BOARD_NOT_HOLDER");
    expect(drawDenial("HOLDER", null, "bob", "PARTICIPANT")).toBe("BOARD_NOT_HOLDER");
    expect(drawDenial("HOLDER_AND_FACILITATORS", "ana", "bob", "FACILITATOR")).toBeNull();
    expect(drawDenial("HOLDER_AND_FACILITATORS", null, "cy", "PARTICIPANT")).toBe(
      "BOARD_NOT_HOLDER_OR_FACILITATOR",
    );
    expect(() => assertMayDraw("HOLDER", "ana", "bob", "PARTICIPANT")).toThrow(
      expect.objectContaining({ code: "PRECONDITION_FAILED" }),
    );
  });
});

describe("the board fold", () => {
  it("draws, moves (cut at the edge), erases, each with its author and seq", () => {
    const b = fold([
      ["ana", draw(emptyBoard(), pen("s-0001"))],
      ["ana", { type: "board.drawn", shape: rect("s-0002") }],
      ["ana", { type: "board.moved", shapeId: "s-0001", dx: 5, dy: -5 }],
      ["bob", { type: "board.erased", shapeId: "s-0002" }],
    ]);
    expect(b.shapes).toEqual([
      {
        shape: pen("s-0001", [
          [15, 5],
          [25, 25],
        ]),
        by: "ana",
        seq: 1,
      },
    ]);
    // The board is 1600 x 900: a move to the right by 2000 stops at the edge, form kept.
    expect(move(b, "s-0001", 2000, 0)).toEqual({ type: "board.moved", shapeId: "s-0001", dx: 1575, dy: 0 });
    expect(move(b, "s-0001", -100, -100)).toEqual({
      type: "board.moved",
      shapeId: "s-0001",
      dx: -15,
      dy: -5,
    });
    expect(() => erase(b, "s-0002")).toThrow(/^SHAPE_NOT_FOUND$/);
  });

  it("undoes and redoes only one's own actions, latest first", () => {
    const b = fold([
      ["ana", { type: "board.drawn", shape: pen("s-0001") }],
      ["bob", { type: "board.drawn", shape: rect("s-0002") }],
      ["ana", { type: "board.moved", shapeId: "s-0002", dx: 10, dy: 0 }],
    ]);
    expect(undo(b, "ana")).toEqual({ type: "board.undone", seq: 3 });
    expect(undo(b, "bob")).toEqual({ type: "board.undone", seq: 2 });
    expect(() => undo(b, "cy")).toThrow(/^NOTHING_TO_UNDO$/);
    expect(() => redo(b, "ana")).toThrow(/^NOTHING_TO_REDO$/);

    const undone = fold(
      [
        [null, { type: "board.policySet", drawPolicy: "HOLDER" }],
        [null, { type: "board.policySet", drawPolicy: "HOLDER" }],
        [null, { type: "board.policySet", drawPolicy: "HOLDER" }],
        ["ana", { type: "board.undone", seq: 3 }],
        ["ana", { type: "board.undone", seq: 1 }],
      ],
      b,
    );
    expect(ids(undone)).toEqual(["s-0002"]);
    expect(undone.shapes[0].shape).toEqual(rect("s-0002"));
    expect(redo(undone, "ana")).toEqual({ type: "board.redone", seq: 1 });
    const redone = applyBoardEvent(undone, { type: "board.redone", seq: 1 }, "ana", 6);
    expect(ids(redone)).toEqual(["s-0002", "s-0001"]);
    // A new action ends the redo history.
    const after = applyBoardEvent(redone, { type: "board.drawn", shape: pen("s-0003") }, "ana", 7);
    expect(after.redo.ana).toEqual([]);
  });

  it("counts the shapes each person placed, less the ones they undid, for the statistics", () => {
    const b = fold([
      ["ana", { type: "board.drawn", shape: pen("s-0001") }],
      ["bob", { type: "board.drawn", shape: pen("s-0002") }],
      ["ana", { type: "board.drawn", shape: pen("s-0003") }],
      ["ana", { type: "board.undone", seq: 3 }],
      ["ana", { type: "board.undone", seq: 1 }],
      ["ana", { type: "board.redone", seq: 1 }],
      ["bob", { type: "board.erased", shapeId: "s-0001" }],
    ]);
    expect(b.drawn).toEqual({ ana: 1, bob: 1 });
  });

  it("undoing an erase puts the shape back where it was", () => {
    const b = fold([
      ["ana", { type: "board.drawn", shape: pen("s-0001") }],
      ["ana", { type: "board.drawn", shape: pen("s-0002") }],
      ["ana", { type: "board.erased", shapeId: "s-0001" }],
      ["ana", { type: "board.undone", seq: 3 }],
    ]);
    expect(b.shapes.map((s) => [s.shape.id, s.seq])).toEqual([
      ["s-0001", 1],
      ["s-0002", 2],
    ]);
  });

  it("clears everything and every history; refuses an empty clear and a full board", () => {
    const b = fold([
      ["ana", { type: "board.drawn", shape: pen("s-0001") }],
      ["fac", clear(fold([["ana", { type: "board.drawn", shape: pen("s-0001") }]]))],
    ]);
    // What Ana drew stays counted for the statistics.
    expect(b).toEqual({ policy: "HOLDER", shapes: [], undo: {}, redo: {}, drawn: { ana: 1 } });
    expect(() => clear(b)).toThrow(/^BOARD_EMPTY$/);
    const full: BoardState = {
      ...emptyBoard(),
      shapes: Array.from({ length: MAX_SHAPES }, (_, i) => ({
        shape: pen(`s-${1000 + i}`),
        by: "a",
        seq: i,
      })),
    };
    expect(() => draw(full, pen("s-9999"))).toThrow(/^BOARD_FULL/);
    expect(() => draw(fold([["a", { type: "board.drawn", shape: pen("s-0001") }]]), pen("s-0001"))).toThrow(
      /^SHAPE_EXISTS$/,
    );
    expect(setPolicy(b, "HOLDER_AND_FACILITATORS")).toEqual({
      type: "board.policySet",
      drawPolicy: "HOLDER_AND_FACILITATORS",
    });
    expect(() => setPolicy(b, "HOLDER")).toThrow(/^DRAW_POLICY_UNCHANGED$/);
  });
});

describe("the board hash", () => {
  it("does not depend on key order or drawing order, and changes with any coordinate", () => {
    const a = {
      shapes: [
        { shape: pen("s-0001"), by: "ana", seq: 1 },
        { shape: rect("s-0002"), by: "bob", seq: 2 },
      ],
    };
    const shuffled = {
      shapes: [
        {
          seq: 9,
          by: "bob",
          shape: {
            to: [200, 150],
            from: [100, 100],
            width: 2,
            color: "red",
            id: "s-0002",
            kind: "rect",
          } as Shape,
        },
        { by: "ana", seq: 4, shape: pen("s-0001") },
      ],
    };
    expect(boardHash(shuffled)).toBe(boardHash(a));
    expect(boardHash({ shapes: [] })).toBe(
      "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
    );
    expect(
      boardHash({
        shapes: [
          {
            shape: pen("s-0001", [
              [10, 10],
              [20, 31],
            ]),
            by: "ana",
            seq: 1,
          },
        ],
      }),
    ).not.toBe(boardHash({ shapes: [{ shape: pen("s-0001"), by: "ana", seq: 1 }] }));
  });
});

describe("the shape schema", () => {
  it("accepts the largest stroke and refuses bad input", () => {
    const longest = pen(
      "s-0001",
      Array.from({ length: MAX_POINTS }, (_, i): Point => [i % 1600, 900]),
    );
    expect(shapeSchema.safeParse(longest).success).toBe(true);
    const bad = (s: unknown) => shapeSchema.safeParse(s).success;
    expect(bad({ ...longest, points: [...longest.points, [1, 1]] })).toBe(false);
    expect(bad(pen("s-0001", [[Number.NaN, 1]]))).toBe(false);
    expect(bad(pen("s-0001", [[1601, 1]]))).toBe(false);
    expect(bad(pen("s-0001", [[1.5, 1]]))).toBe(false);
    expect(bad({ ...pen("s-0001"), color: "#123456" })).toBe(false);
    expect(bad({ ...pen("s-0001"), kind: "star" })).toBe(false);
    expect(bad({ ...pen("s-0001"), width: 3 })).toBe(false);
    expect(bad({ kind: "note", id: "s-0001", color: "yellow", at: [5, 5], text: "x".repeat(501) })).toBe(
      false,
    );
    expect(bad({ kind: "note", id: "s-0001", color: "yellow", at: [5, 5], text: "Agenda" })).toBe(true);
  });

  it("simplifies a long stroke to at most the limit, keeping its ends", () => {
    const zigzag = Array.from({ length: 2000 }, (_, i): Point => [
      Math.floor(i * 0.8),
      i % 2 === 0 ? 100 : 140,
    ]);
    const out = simplify(zigzag, 600);
    expect(out.length).toBeLessThanOrEqual(600);
    expect(out[0]).toEqual([0, 100]);
    expect(out.at(-1)).toEqual([1599, 140]);
    expect(
      simplify([
        [0, 0],
        [5, 5],
      ]),
    ).toEqual([
      [0, 0],
      [5, 5],
    ]);
  });
});

describe("a stroke in progress", () => {
  const m = (start: number, points: Point[], id = "stroke-1"): LiveStroke => ({
    id,
    tool: "pen",
    color: "blue",
    width: 4,
    start,
    points,
  });
  it("grows by the points each message adds, and starts over for a new stroke", () => {
    const a = extendStroke(
      undefined,
      m(0, [
        [1, 1],
        [2, 2],
      ]),
    );
    const b = extendStroke(a, m(2, [[3, 3]]));
    expect(b.points).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    // A repeated message (same start) replaces, never duplicates.
    expect(extendStroke(b, m(2, [[4, 4]])).points).toEqual([
      [1, 1],
      [2, 2],
      [4, 4],
    ]);
    expect(extendStroke(b, m(5, [[9, 9]], "stroke-2")).points).toEqual([[9, 9]]);
  });
});
