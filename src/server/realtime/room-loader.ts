import type { Db } from "@/server/db/client";
import { toRoomEnvelope, referencedIds, type RoomEnvelope } from "@/core/room/envelope";
import { foldRoom } from "@/core/room/fold";
import type { RoomState } from "@/core/room/state";
import { verifyChain } from "@/core/audit/verify";
import { refuse } from "@/core/errors";
import { eventsOf, readLogRows } from "@/server/services/records/log";

// Reading a room back from the stored log: the fold every live room starts from, and the replay.

/** Display names of accounts, for ids the log refers to (members, and admins acting as such). */
export async function accountNames(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** The ids `envelopes` refer to that `known` does not name yet. */
export function unnamedIds(
  envelopes: readonly RoomEnvelope[],
  known: Readonly<Record<string, string>>,
): string[] {
  return [...new Set(envelopes.flatMap(referencedIds))].filter((id) => !(id in known));
}

/**
 * Gives each envelope the names of the accounts it is the first to refer to, as the live room
 * does when it folds events one by one: both ways of reaching a state then carry the same names.
 */
export function nameNewcomers(
  envelopes: readonly RoomEnvelope[],
  known: Readonly<Record<string, string>>,
  names: ReadonlyMap<string, string>,
): RoomEnvelope[] {
  const seen = new Set(Object.keys(known));
  return envelopes.map((env) => {
    const fresh = referencedIds(env).filter((id) => !seen.has(id));
    if (!fresh.length) return env;
    for (const id of fresh) seen.add(id);
    return { ...env, names: Object.fromEntries(fresh.map((id) => [id, names.get(id) ?? "?"])) };
  });
}

interface LoadedRoom {
  state: RoomState;
  inviteCode: string;
}

/**
 * The room folded from the stored log, up to `upToSeq` (the whole log by default). Loading the
 * whole log also walks its chain: the "verified through" mark moves to what the walk proves,
 * recorded on the meeting row unless a command appended meanwhile.
 */
export async function loadRoom(db: Db, meetingId: string, upToSeq?: number): Promise<LoadedRoom> {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: { inviteCode: true, lastSeq: true, lastHash: true, verifiedThrough: true },
  });
  if (!meeting) throw refuse("MEETING_NOT_FOUND");
  const rows = await readLogRows(db, meetingId, upToSeq ?? meeting.lastSeq);
  const envelopes = eventsOf(meetingId, rows).map(toRoomEnvelope);
  const named = nameNewcomers(envelopes, {}, await accountNames(db, unnamedIds(envelopes, {})));
  const state = foldRoom(meetingId, named);

  let verified = meeting.verifiedThrough;
  if (upToSeq === undefined) {
    const walk = verifyChain(meetingId, rows, meeting);
    verified = walk.ok ? meeting.lastSeq : walk.verifiedThrough;
    if (verified !== meeting.verifiedThrough) {
      await db.meeting.updateMany({
        where: { id: meetingId, lastSeq: meeting.lastSeq },
        data: { verifiedThrough: verified },
      });
    }
  }
  return {
    state: { ...state, verifiedThrough: Math.min(verified, state.seq) },
    inviteCode: meeting.inviteCode,
  };
}
