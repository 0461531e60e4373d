import type { Db } from "@/server/db/client";
import { dbDate, dbDateOrNull, sqlPortOf, type SqlPort } from "@/server/db/sql-port";
import type { MemberRole } from "@/core/roles";
import type { Phase } from "@/core/phases/phase";
import type { TokenState } from "@/core/tokens/engine";
import { refuse } from "@/core/errors";
import { activeRole } from "@/core/membership";
import { loadFloorOrder } from "./floor-order";

interface MemberView {
  userId: string;
  name: string;
  role: MemberRole;
  joinedAt: Date;
  active: boolean;
}

/** A meeting's state as commands need it, read inside the command's transaction. */
export interface MeetingSnapshot {
  id: string;
  title: string;
  description: string;
  inviteCode: string;
  phase: Phase;
  phaseSince: Date;
  createdAt: Date;
  lastSeq: number;
  lastHash: string;
  /** The stored log was verified through this event (see event-log.ts). */
  verifiedThrough: number;
  members: MemberView[];
  token: TokenState;
}

interface MeetingRow {
  id: string;
  title: string;
  description: string;
  inviteCode: string;
  phase: string;
  phaseSince: unknown;
  createdAt: unknown;
  lastSeq: number | bigint;
  lastHash: string;
  verifiedThrough: number | bigint;
  holderId: string | null;
  holderSince: unknown;
  turnLimitSec: number | bigint | null;
  queuePolicy: string;
}

interface MemberRow {
  userId: string;
  name: string;
  role: string;
  joinedAt: unknown;
  leftAt: unknown;
}

interface QueueRow {
  userId: string;
  ticket: number | bigint;
  requestedAt: unknown;
}

// Plain SQL rather than the ORM: every command reads this first (sql-port.ts).
const MEETING_SQL = `SELECT "id", "title", "description", "inviteCode", "phase", "phaseSince", "createdAt",
  "lastSeq", "lastHash", "verifiedThrough", "holderId", "holderSince", "turnLimitSec", "queuePolicy" FROM "Meeting" WHERE "id" = ?`;
const MEMBERS_SQL = `SELECT m."userId", u."name", m."role", m."joinedAt", m."leftAt"
  FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
  WHERE m."meetingId" = ? ORDER BY m."joinedAt", m."userId"`;
const QUEUE_SQL = `SELECT "userId", "ticket", "requestedAt" FROM "QueueEntry" WHERE "meetingId" = ? ORDER BY "ticket"`;

/** Reads a meeting's snapshot through `sql`: inside a command, its transaction's port. */
export async function loadSnapshot(sql: SqlPort, meetingId: string): Promise<MeetingSnapshot> {
  const [m] = await sql.all<MeetingRow>(MEETING_SQL, [meetingId]);
  if (!m) throw refuse("MEETING_NOT_FOUND");
  const members = await sql.all<MemberRow>(MEMBERS_SQL, [meetingId]);
  const queue = await sql.all<QueueRow>(QUEUE_SQL, [meetingId]);
  const holderSince = dbDateOrNull(m.holderSince);
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    inviteCode: m.inviteCode,
    phase: m.phase as Phase,
    phaseSince: dbDate(m.phaseSince),
    createdAt: dbDate(m.createdAt),
    lastSeq: Number(m.lastSeq),
    lastHash: m.lastHash,
    verifiedThrough: Number(m.verifiedThrough),
    members: members.map((x) => ({
      userId: x.userId,
      name: x.name,
      role: x.role as MemberRole,
      joinedAt: dbDate(x.joinedAt),
      active: x.leftAt === null,
    })),
    token: {
      holder: m.holderId && holderSince ? { userId: m.holderId, since: holderSince.getTime() } : null,
      queue: queue.map((q) => ({
        userId: q.userId,
        ticket: Number(q.ticket),
        since: dbDate(q.requestedAt).getTime(),
      })),
      turnLimitSec: m.turnLimitSec === null ? null : Number(m.turnLimitSec),
      ...(await loadFloorOrder(sql, meetingId, m.queuePolicy, queue.length > 0)),
    },
  };
}

/** A meeting's current snapshot, read outside any command. */
export async function readSnapshot(db: Db, meetingId: string): Promise<MeetingSnapshot> {
  return loadSnapshot(await sqlPortOf(db), meetingId);
}

/** The role of an active member, or null for anyone else (including members who left). */
export const memberRole = (snap: MeetingSnapshot, userId: string | undefined): MemberRole | null =>
  activeRole(snap.members, userId);
