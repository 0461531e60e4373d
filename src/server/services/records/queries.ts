import type { Caller } from "@/server/deps";
import { discloseState } from "@/core/room/disclose";
import { assertAllowedGlobally } from "@/core/permissions";
import type { BreakReason, VerifyResult } from "@/core/audit/verify";
import { authorizedSnapshot } from "./access";
import { readHead, verifyStoredLog } from "./log";
import { loadRoom } from "@/server/realtime/room-loader";
import type { RecordListInput } from "@/lib/schemas/records";
import { containsIgnoringCase } from "@/server/db/text-search";

// The read side of the record: full verification, replay, and the auditors' list. The replay and
// the live room are one fold over the stored log (core/room/fold.ts), so they cannot disagree.

export interface RecordStatus {
  ok: boolean;
  /** Events that verified from the genesis on (all of them when ok). */
  verifiedThrough: number;
  lastSeq: number;
  brokenAt: number | null;
  reason: BreakReason | null;
  detail: string | null;
}

export function toStatus(v: VerifyResult, lastSeq: number): RecordStatus {
  return v.ok
    ? { ok: true, verifiedThrough: lastSeq, lastSeq, brokenAt: null, reason: null, detail: null }
    : {
        ok: false,
        verifiedThrough: v.verifiedThrough,
        lastSeq,
        brokenAt: v.brokenAt,
        reason: v.reason,
        detail: v.detail,
      };
}

/** The whole stored log walked, event by event, against the meeting's head. */
export async function verifyRecord(ctx: Caller, meetingId: string): Promise<RecordStatus> {
  await authorizedSnapshot(ctx.db, ctx.session, meetingId, "record.verify");
  const { result, stored } = await verifyStoredLog(ctx.db, meetingId);
  return toStatus(result, stored.lastSeq);
}

/**
 * The room as it was right after event #seq (the whole log when seq is past its end), folded by
 * the same function as the live room and disclosed to the viewer the same way.
 */
export async function replayView(ctx: Caller, meetingId: string, seq: number) {
  await authorizedSnapshot(ctx.db, ctx.session, meetingId, "meeting.replay");
  const { state } = await loadRoom(ctx.db, meetingId, seq);
  return { state: discloseState(state, ctx.session), lastSeq: (await readHead(ctx.db, meetingId)).lastSeq };
}

const PAGE = 25;

/** Every meeting, newest first, for auditors and admins (who need not be members). */
export async function listRecords(ctx: Caller, input: RecordListInput) {
  assertAllowedGlobally(ctx.session, "record.list");
  const search = input.search?.trim();
  const rows = await ctx.db.meeting.findMany({
    where: search ? { title: containsIgnoringCase(ctx.db, search) } : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      title: true,
      phase: true,
      createdAt: true,
      lastSeq: true,
      createdBy: { select: { name: true } },
      _count: { select: { members: true } },
    },
  });
  const page = rows.slice(0, PAGE);
  return {
    items: page.map((m) => ({
      meetingId: m.id,
      title: m.title,
      phase: m.phase,
      createdAt: m.createdAt.toISOString(),
      createdBy: m.createdBy.name,
      events: m.lastSeq,
      members: m._count.members,
    })),
    nextCursor: rows.length > PAGE ? page.at(-1)!.id : null,
  };
}
