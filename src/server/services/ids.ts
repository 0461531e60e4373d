import { randomBytes } from "node:crypto";

/** A random id with a readable prefix (`idea_…`). Random, not time-ordered: ids reveal nothing. */
export const newId = (prefix: string) => `${prefix}_${randomBytes(10).toString("hex")}`;
