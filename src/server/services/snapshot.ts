import type { Tx } from "@/server/db/client";
import type { MemberRole } from "@/core/roles";
import type { Phase } from "@/core/phases/phase";
import type { TokenState } from "@/core/tokens/engine";
import { notFound } from "@/core/errors";

export interface MemberView {
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
  members: MemberView[];
  token: TokenState;
}

export async function loadSnapshot(tx: Tx, meetingId: string): Promise<MeetingSnapshot> {
  const m = await tx.meeting.findUnique({
    where: { id: meetingId },
    include: {
      members: { include: { user: { select: { name: true } } }, orderBy: { joinedAt: "asc" } },
      queue: { orderBy: { ticket: "asc" } },
    },
  });
  if (!m) throw notFound("Meeting");
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    inviteCode: m.inviteCode,
    phase: m.phase as Phase,
    phaseSince: m.phaseSince,
    createdAt: m.createdAt,
    lastSeq: m.lastSeq,
    lastHash: m.lastHash,
    members: m.members.map((x) => ({
      userId: x.userId,
      name: x.user.name,
      role: x.role as MemberRole,
      joinedAt: x.joinedAt,
      active: x.leftAt === null,
    })),
    token: {
      holder: m.holderId && m.holderSince ? { userId: m.holderId, since: m.holderSince } : null,
      queue: m.queue.map((q) => ({ userId: q.userId, ticket: q.ticket, since: q.requestedAt })),
      turnLimitSec: m.turnLimitSec,
    },
  };
}

/** The role of an active member, or null for anyone else (including members who left). */
export function memberRole(snap: MeetingSnapshot, userId: string | undefined): MemberRole | null {
  return snap.members.find((m) => m.userId === userId && m.active)?.role ?? null;
}
