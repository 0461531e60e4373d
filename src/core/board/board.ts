import { refuse } from "../errors";
import type { MemberRole } from "../roles";
import { MAX_SHAPES, moveShape, type Shape } from "./shapes";

// The shared canvas as a pure fold over the meeting's board events, and the rules that decide
// them: who may draw (the floor), undo / redo of one's own actions, clear by facilitators.

export const DRAW_POLICIES = ["HOLDER", "HOLDER_AND_FACILITATORS"] as const;
export type DrawPolicy = (typeof DRAW_POLICIES)[number];

/** How many of one person's actions can be undone. */
const UNDO_DEPTH = 50;

export type BoardEvent =
  | { type: "board.drawn"; shape: Shape }
  | { type: "board.moved"; shapeId: string; dx: number; dy: number }
  | { type: "board.erased"; shapeId: string }
  /** `seq`: the event of the actor's own that is undone (or redone). */
  | { type: "board.undone"; seq: number }
  | { type: "board.redone"; seq: number }
  | { type: "board.cleared"; shapes: number }
  | { type: "board.policySet"; drawPolicy: DrawPolicy };

/** A shape on the board: who drew it, and the event that placed it. */
export interface BoardShape {
  shape: Shape;
  by: string | null;
  seq: number;
}

/** One action of someone's that can be undone: what it takes to reverse it. */
type Op = { seq: number } & (
  | { kind: "draw"; shape: Shape }
  | { kind: "move"; shapeId: string; dx: number; dy: number }
  | { kind: "erase"; shape: BoardShape; index: number }
);

export interface BoardState {
  policy: DrawPolicy;
  shapes: BoardShape[];
  /** Per person, their actions that can be undone (latest last) and redone (latest last). */
  undo: Record<string, Op[]>;
  redo: Record<string, Op[]>;
  /** Per person, the shapes they placed and did not take back (for the statistics). */
  drawn: Record<string, number>;
}

export const emptyBoard = (): BoardState => ({ policy: "HOLDER", shapes: [], undo: {}, redo: {}, drawn: {} });

const counted = (drawn: Record<string, number>, by: string, change: number) => ({
  ...drawn,
  [by]: (drawn[by] ?? 0) + change,
});

const BOARD_TYPES: ReadonlySet<string> = new Set<BoardEvent["type"]>([
  "board.drawn",
  "board.moved",
  "board.erased",
  "board.undone",
  "board.redone",
  "board.cleared",
  "board.policySet",
]);

export const isBoardEvent = <E extends { type: string }>(e: E): e is Extract<E, BoardEvent> =>
  BOARD_TYPES.has(e.type);

/**
 * Why `actorId` may not draw now (null when they may): the floor's holder draws; with
 * HOLDER_AND_FACILITATORS, the meeting's facilitators too. (The permission table has already
 * said whether their role may draw at all.)
 */
export function drawDenial(
  policy: DrawPolicy,
  holderId: string | null,
  actorId: string,
  role: MemberRole | null,
): "BOARD_NOT_HOLDER" | "BOARD_NOT_HOLDER_OR_FACILITATOR" | null {
  if (holderId === actorId) return null;
  if (policy === "HOLDER_AND_FACILITATORS")
    return role === "FACILITATOR" ? null : "BOARD_NOT_HOLDER_OR_FACILITATOR";
  return "BOARD_NOT_HOLDER";
}

export function assertMayDraw(...args: Parameters<typeof drawDenial>): void {
  const why = drawDenial(...args);
  if (why) throw refuse(why);
}

const find = (b: BoardState, shapeId: string) => {
  const found = b.shapes.find((s) => s.shape.id === shapeId);
  if (!found) throw refuse("SHAPE_NOT_FOUND");
  return found;
};

export function draw(b: BoardState, shape: Shape): BoardEvent {
  if (b.shapes.some((s) => s.shape.id === shape.id)) throw refuse("SHAPE_EXISTS");
  if (b.shapes.length >= MAX_SHAPES) throw refuse("BOARD_FULL", { max: MAX_SHAPES });
  return { type: "board.drawn", shape };
}

/** A move, cut short at the board's edge (the event records the move as made). */
export function move(b: BoardState, shapeId: string, dx: number, dy: number): BoardEvent {
  const { shape } = find(b, shapeId);
  const moved = moveShape(shape, dx, dy);
  const [before, after] = [JSON.stringify(shape), JSON.stringify(moved)];
  if (before === after) throw refuse("SHAPE_DOES_NOT_MOVE");
  const shift = shiftOf(shape, moved);
  return { type: "board.moved", shapeId, dx: shift[0], dy: shift[1] };
}

function shiftOf(a: Shape, b: Shape): [number, number] {
  const first = (s: Shape) => ("points" in s ? s.points[0] : "from" in s ? s.from : s.at);
  const [p, q] = [first(a), first(b)];
  return [q[0] - p[0], q[1] - p[1]];
}

export function erase(b: BoardState, shapeId: string): BoardEvent {
  find(b, shapeId);
  return { type: "board.erased", shapeId };
}

/** Undoes the actor's own latest action; nobody undoes anyone else's. */
export function undo(b: BoardState, actorId: string): BoardEvent {
  const op = b.undo[actorId]?.at(-1);
  if (!op) throw refuse("NOTHING_TO_UNDO");
  return { type: "board.undone", seq: op.seq };
}

export function redo(b: BoardState, actorId: string): BoardEvent {
  const op = b.redo[actorId]?.at(-1);
  if (!op) throw refuse("NOTHING_TO_REDO");
  return { type: "board.redone", seq: op.seq };
}

/** Clears the board (facilitators: the permission table). Not undoable: every history ends. */
export function clear(b: BoardState): BoardEvent {
  if (!b.shapes.length) throw refuse("BOARD_EMPTY");
  return { type: "board.cleared", shapes: b.shapes.length };
}

export function setPolicy(b: BoardState, drawPolicy: DrawPolicy): BoardEvent {
  if (b.policy === drawPolicy) throw refuse("DRAW_POLICY_UNCHANGED");
  return { type: "board.policySet", drawPolicy };
}

// The fold. Every step tolerates what others did meanwhile: undoing the drawing of a shape that
// someone else erased removes nothing; moving a shape that is gone moves nothing.

const without = (shapes: readonly BoardShape[], id: string) => shapes.filter((s) => s.shape.id !== id);
const present = (shapes: readonly BoardShape[], id: string) => shapes.some((s) => s.shape.id === id);

function moveIn(shapes: readonly BoardShape[], id: string, dx: number, dy: number): BoardShape[] {
  return shapes.map((s) => (s.shape.id === id ? { ...s, shape: moveShape(s.shape, dx, dy) } : s));
}

/** Applies an op (forward) or its reverse to the shapes. */
function run(shapes: readonly BoardShape[], op: Op, by: string, forward: boolean): BoardShape[] {
  switch (op.kind) {
    case "draw":
      if (!forward) return without(shapes, op.shape.id);
      return present(shapes, op.shape.id) ? [...shapes] : [...shapes, { shape: op.shape, by, seq: op.seq }];
    case "move":
      return forward ? moveIn(shapes, op.shapeId, op.dx, op.dy) : moveIn(shapes, op.shapeId, -op.dx, -op.dy);
    case "erase": {
      if (forward) return without(shapes, op.shape.shape.id);
      if (present(shapes, op.shape.shape.id)) return [...shapes];
      const at = Math.min(op.index, shapes.length);
      return [...shapes.slice(0, at), op.shape, ...shapes.slice(at)];
    }
  }
}

const push = (stack: readonly Op[] | undefined, op: Op) => [...(stack ?? []), op].slice(-UNDO_DEPTH);

/** A new action of `by`'s: done, undoable, and their redo history ends. */
function act(b: BoardState, by: string | null, op: Op): BoardState {
  if (by === null) return { ...b, shapes: run(b.shapes, op, "", true) };
  return {
    ...b,
    shapes: run(b.shapes, op, by, true),
    undo: { ...b.undo, [by]: push(b.undo[by], op) },
    redo: { ...b.redo, [by]: [] },
    drawn: op.kind === "draw" ? counted(b.drawn, by, 1) : b.drawn,
  };
}

export function applyBoardEvent(b: BoardState, e: BoardEvent, by: string | null, seq: number): BoardState {
  switch (e.type) {
    case "board.drawn":
      return act(b, by, { seq, kind: "draw", shape: e.shape });
    case "board.moved":
      return act(b, by, { seq, kind: "move", shapeId: e.shapeId, dx: e.dx, dy: e.dy });
    case "board.erased": {
      const index = b.shapes.findIndex((s) => s.shape.id === e.shapeId);
      const shape = b.shapes[index];
      return shape ? act(b, by, { seq, kind: "erase", shape, index }) : b;
    }
    case "board.undone":
    case "board.redone": {
      if (by === null) return b;
      const [from, to] =
        e.type === "board.undone" ? (["undo", "redo"] as const) : (["redo", "undo"] as const);
      const op = b[from][by]?.find((o) => o.seq === e.seq);
      if (!op) return b;
      return {
        ...b,
        shapes: run(b.shapes, op, by, e.type === "board.redone"),
        [from]: { ...b[from], [by]: b[from][by].filter((o) => o !== op) },
        [to]: { ...b[to], [by]: push(b[to][by], op) },
        drawn: op.kind === "draw" ? counted(b.drawn, by, e.type === "board.undone" ? -1 : 1) : b.drawn,
      };
    }
    case "board.cleared":
      // What people drew stays counted: clearing the board does not take it back.
      return { ...b, shapes: [], undo: {}, redo: {} };
    case "board.policySet":
      return { ...b, policy: e.drawPolicy };
  }
}
