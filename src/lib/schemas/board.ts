import { z } from "zod";
import { DRAW_POLICIES } from "@/core/board/board";
import { shapeId, shapeSchema } from "@/core/board/shapes";
import { meetingId } from "./meeting";

// The annotations router's inputs, shared by the router and the canvas.

const ref = { meetingId };
const shift = z.number().int("A move is in whole board units").min(-1600).max(1600);

export const drawInput = z.object({ ...ref, shape: shapeSchema }).strict();
export const moveInput = z.object({ ...ref, shapeId, dx: shift, dy: shift }).strict();
export const eraseInput = z.object({ ...ref, shapeId }).strict();
export const boardRefInput = z.object(ref).strict();
export const drawPolicyInput = z.object({ ...ref, drawPolicy: z.enum(DRAW_POLICIES) }).strict();
