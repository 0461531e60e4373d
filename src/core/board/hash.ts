import { createHash } from "node:crypto";
import { canonicalJson, type Canonicalizable } from "../audit/canonical";
import type { BoardState } from "./board";

/**
 * The board as evidence: SHA-256 of the canonical JSON of its shapes sorted by id (key order
 * and drawing order do not change it; every coordinate, colour and author does).
 */
export function boardHash(board: Pick<BoardState, "shapes">): string {
  const shapes = [...board.shapes]
    .sort((a, b) => (a.shape.id < b.shape.id ? -1 : a.shape.id > b.shape.id ? 1 : 0))
    .map((s) => ({ by: s.by, shape: s.shape }));
  return createHash("sha256")
    .update(canonicalJson(shapes as unknown as Canonicalizable), "utf8")
    .digest("hex");
}
