import { z } from "zod";

// The string every schema starts from. PostgreSQL cannot store U+0000 in text (SQLite can), so a
// NUL anywhere made a command fail with a 500 on Postgres only; no one types it, so it is
// refused here, with the same answer on both databases.

export const NO_NUL_MESSAGE = "Text cannot contain the NUL character";

const NUL = String.fromCharCode(0);

export const str = () =>
  z
    .string()
    .refine((value) => !value.includes(NUL), { message: NO_NUL_MESSAGE, params: { problem: "NO_NUL" } });
