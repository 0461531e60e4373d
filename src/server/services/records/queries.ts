import type { Deps } from "@/server/api/context";
import type { SessionUser } from "@/server/auth/session";
import { meetingStats } from "@/core/stats/meeting";
import { replayMeeting } from "@/core/stats/replay";
import type { BreakReason, VerifyResult } from "@/core/audit/verify";
import { authorizedSnapshot, assertGlobal } from "./access";
import { readLog, verifyStoredLog } from "./log";
import { toEnvelope } from "../event-log";
import type { RecordListInput } from "@/lib/schemas/records";
import { containsIgnoringCase } from "@/server/db/text-search";

// The read side of the record: verification, statistics, replay, and the auditors' list.
// Each is a fold over the stored log, so none of them can disagree with the others.

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

/** The stored log checked against the meeting's head. */
export async function recordStatus(deps: Deps, meetingId: string): Promise<RecordStatus> {
  const { result, stored } = await verifyStoredLog(deps.db, meetingId);
  return toStatus(result, stored.lastSeq);
}

export async function verifyRecord(deps: Deps, actor: SessionUser | null, meetingId: string) {
  await authorizedSnapshot(deps.db, actor, meetingId, "record.verify");
  return recordStatus(deps, meetingId);
}

/** Statistics now (a running turn counts up to the server's clock), with names. */
export async function statsView(deps: Deps, actor: SessionUser | null, meetingId: string) {
  const { snap } = await authorizedSnapshot(deps.db, actor, meetingId, "meeting.stats");
  const events = await readLog(deps.db, meetingId);
  const now = deps.clock.now();
  const stats = meetingStats(events, now);
  const names = new Map(snap.members.map((m) => [m.userId, m.name]));
  return {
    participants: stats.participants.map((p) => ({ ...p, name: names.get(p.userId) ?? "?" })),
    totalSpeakingMs: stats.totalSpeakingMs,
    equity: stats.equity,
    asOf: now.toISOString(),
    lastSeq: events.at(-1)?.seq ?? 0,
    /** Whose turn is running (their bar grows until the next event). */
    speakingId: snap.token.holder?.userId ?? null,
  };
}

export type StatsView = Awaited<ReturnType<typeof statsView>>;

/** The meeting as it was right after event #seq (the whole log when seq is past its end). */
export async function replayView(deps: Deps, actor: SessionUser | null, meetingId: string, seq: number) {
  const { snap } = await authorizedSnapshot(deps.db, actor, meetingId, "meeting.replay");
  const log = await readLog(deps.db, meetingId, seq);
  const s = replayMeeting(log);
  const last = log.at(-1);
  const nameOf = (userId: string) => snap.members.find((m) => m.userId === userId)?.name ?? "?";
  return {
    seq: s.lastSeq,
    lastSeq: snap.lastSeq,
    /** The event that led to this state (null before the first). */
    event: last ? toEnvelope(last) : null,
    at: s.at?.toISOString() ?? null,
    title: s.title,
    description: s.description,
    phase: s.phase,
    phaseSince: s.phaseSince?.toISOString() ?? null,
    turnLimitSec: s.token.turnLimitSec,
    members: s.members.map((m) => ({
      userId: m.userId,
      name: nameOf(m.userId),
      role: m.role,
      active: m.active,
      joinedAt: m.joinedAt.toISOString(),
    })),
    holder: s.token.holder
      ? {
          userId: s.token.holder.userId,
          name: nameOf(s.token.holder.userId),
          since: s.token.holder.since.toISOString(),
        }
      : null,
    queue: s.token.queue.map((q, i) => ({
      userId: q.userId,
      name: nameOf(q.userId),
      position: i + 1,
      since: q.since.toISOString(),
    })),
  };
}

export type ReplayView = Awaited<ReturnType<typeof replayView>>;

const PAGE = 25;

/** Every meeting, newest first, for auditors and admins (who need not be members). */
export async function listRecords(deps: Deps, actor: SessionUser | null, input: RecordListInput) {
  assertGlobal(actor, "record.list");
  const search = input.search?.trim();
  const rows = await deps.db.meeting.findMany({
    where: search ? { title: containsIgnoringCase(deps.db, search) } : undefined,
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
