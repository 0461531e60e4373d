import type { RefusalData } from "@/core/errors";

/** One input problem the shared zod schemas found, by field (src/lib/errors/zod.ts). */
export interface InputIssue {
  field: string;
  problem: string;
  params: Record<string, number>;
}

/** What a refused call carries in its tRPC `data.refusal` (and plain routes in their body). */
export type WireRefusal = RefusalData & { issues?: InputIssue[] };

/** The refusal inside a tRPC client error (or anything with `data.refusal`), or null. */
export function refusalOf(error: unknown): WireRefusal | null {
  const data = (error as { data?: { refusal?: WireRefusal | null } } | null)?.data;
  return data?.refusal ?? null;
}
