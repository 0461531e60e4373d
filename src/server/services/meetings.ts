import { randomBytes } from "node:crypto";
import type { Deps } from "@/server/deps";
import type { SessionUser } from "@/server/auth/session";
import type { MeetingEvent } from "@/core/events";
import type { MemberRole } from "@/core/roles";
import { assertAllowedGlobally, capabilities } from "@/core/permissions";
import { genesisHash } from "@/core/audit/chain";
import { notFound, precondition } from "@/core/errors";
import { removeFromFloor, turnEndsAt } from "@/core/tokens/engine";
import { appendEvents, commandTx, publishCommitted, runCommand } from "./event-log";
import { authorize } from "./authorize";
import { rowToEnvelope } from "./event-records";
import { readSnapshot, memberRole, type MeetingSnapshot } from "./snapshot";
import type { CreateMeetingInput } from "@/lib/schemas/meeting";

const newInviteCode = () => randomBytes(12).toString("base64url");

/** The creator becomes the meeting's first facilitator; both facts open the meeting's log. */
export async function createMeeting(deps: Deps, actor: SessionUser, input: Required<CreateMeetingInput>) {
  assertAllowedGlobally(actor, "meeting.create");
  const recorded = await deps.db.$transaction(async (tx) => {
    const at = deps.clock.now();
    const id = `m_${randomBytes(10).toString("hex")}`;
    await tx.meeting.create({
      data: {
        id,
        title: input.title,
        description: input.description,
        inviteCode: newInviteCode(),
        lastHash: genesisHash(id),
        createdById: actor.userId,
        createdAt: at,
        phaseSince: at,
      },
    });
    const events: MeetingEvent[] = [
      { type: "meeting.created", title: input.title, description: input.description },
      { type: "member.joined", userId: actor.userId, role: "FACILITATOR" },
    ];
    return appendEvents(
      await commandTx(deps.db, tx),
      { id, lastSeq: 0, lastHash: genesisHash(id) },
      actor.userId,
      events,
      at,
    );
  });
  await publishCommitted(deps, recorded);
  return { meetingId: recorded[0].meetingId };
}

/** Opening the invite link joins as Participant; joining twice changes nothing. */
export async function joinMeeting(deps: Deps, actor: SessionUser, inviteCode: string) {
  const meeting = await deps.db.meeting.findUnique({ where: { inviteCode }, select: { id: true } });
  if (!meeting) throw notFound("Meeting");
  await runCommand(deps, meeting.id, actor.userId, (snap) => {
    if (memberRole(snap, actor.userId)) return { events: [], result: null };
    authorize(snap, actor, "meeting.join");
    return { events: [{ type: "member.joined", userId: actor.userId, role: "PARTICIPANT" }], result: null };
  });
  return { meetingId: meeting.id };
}

const activeFacilitators = (snap: MeetingSnapshot) =>
  snap.members.filter((m) => m.active && m.role === "FACILITATOR");

export async function leaveMeeting(deps: Deps, actor: SessionUser, meetingId: string) {
  await runCommand(deps, meetingId, actor.userId, (snap) => {
    authorize(snap, actor, "meeting.leave");
    const others = snap.members.filter((m) => m.active && m.userId !== actor.userId);
    const facilitators = activeFacilitators(snap);
    if (others.length > 0 && facilitators.length === 1 && facilitators[0].userId === actor.userId) {
      throw precondition("You are the only facilitator: make someone else facilitator before leaving");
    }
    return {
      events: [
        ...removeFromFloor(snap.token, actor.userId, "left"),
        { type: "member.left", userId: actor.userId },
      ],
      result: null,
    };
  });
}

export async function setMemberRole(
  deps: Deps,
  actor: SessionUser,
  input: { meetingId: string; userId: string; role: MemberRole },
) {
  await runCommand(deps, input.meetingId, actor.userId, (snap) => {
    authorize(snap, actor, "meeting.setRole");
    const current = memberRole(snap, input.userId);
    if (!current) throw notFound("Member");
    if (current === input.role) return { events: [], result: null };
    if (current === "FACILITATOR" && activeFacilitators(snap).length === 1) {
      throw precondition("A meeting needs at least one facilitator");
    }
    // Observers never hold or wait for the token.
    const floor = input.role === "OBSERVER" ? removeFromFloor(snap.token, input.userId, "demoted") : [];
    return {
      events: [...floor, { type: "member.roleChanged", userId: input.userId, role: input.role }],
      result: null,
    };
  });
}

export async function configureMeeting(
  deps: Deps,
  actor: SessionUser,
  input: { meetingId: string; turnLimitSec: number | null },
) {
  await runCommand(deps, input.meetingId, actor.userId, (snap) => {
    authorize(snap, actor, "meeting.configure");
    if (snap.token.turnLimitSec === input.turnLimitSec) return { events: [], result: null };
    return { events: [{ type: "meeting.configured", turnLimitSec: input.turnLimitSec }], result: null };
  });
}

/** Everything the meeting room shows, for one viewer. */
export async function roomView(deps: Deps, actor: SessionUser | null, meetingId: string) {
  const snap = await readSnapshot(deps.db, meetingId);
  const kind = authorize(snap, actor, "meeting.view");
  const online = new Set(deps.presence.online(meetingId));
  const nameOf = (userId: string) => snap.members.find((m) => m.userId === userId)?.name ?? "?";
  const holder = snap.token.holder;
  const endsAt = turnEndsAt(snap.token);
  return {
    meeting: {
      id: snap.id,
      title: snap.title,
      description: snap.description,
      inviteCode: snap.inviteCode,
      phase: snap.phase,
      phaseSince: snap.phaseSince.toISOString(),
      turnLimitSec: snap.token.turnLimitSec,
      lastSeq: snap.lastSeq,
    },
    me: actor
      ? {
          userId: actor.userId,
          role: memberRole(snap, actor.userId),
          kind,
          can: capabilities(kind, snap.phase),
        }
      : null,
    /** Names of everyone who was ever a member, for the activity feed. */
    people: Object.fromEntries(snap.members.map((m) => [m.userId, m.name])),
    members: snap.members
      .filter((m) => m.active)
      .map((m) => ({ userId: m.userId, name: m.name, role: m.role, online: online.has(m.userId) })),
    holder: holder
      ? {
          userId: holder.userId,
          name: nameOf(holder.userId),
          since: holder.since.toISOString(),
          endsAt: endsAt?.toISOString() ?? null,
        }
      : null,
    queue: snap.token.queue.map((q, i) => ({
      userId: q.userId,
      name: nameOf(q.userId),
      position: i + 1,
      since: q.since.toISOString(),
    })),
    serverTime: deps.clock.now().toISOString(),
  };
}

export type RoomView = Awaited<ReturnType<typeof roomView>>;

/** The latest events of the meeting's log, newest first. */
export async function recentEvents(deps: Deps, actor: SessionUser, meetingId: string, limit = 30) {
  authorize(await readSnapshot(deps.db, meetingId), actor, "meeting.view");
  const rows = await deps.db.auditEvent.findMany({
    where: { meetingId },
    orderBy: { seq: "desc" },
    take: limit,
  });
  return rows.map(rowToEnvelope);
}

export async function listMyMeetings(deps: Deps, actor: SessionUser) {
  const rows = await deps.db.membership.findMany({
    where: { userId: actor.userId, leftAt: null },
    include: { meeting: { include: { _count: { select: { members: { where: { leftAt: null } } } } } } },
    orderBy: { joinedAt: "desc" },
  });
  return rows.map((r) => ({
    meetingId: r.meetingId,
    title: r.meeting.title,
    phase: r.meeting.phase,
    role: r.role as MemberRole,
    members: r.meeting._count.members,
    createdAt: r.meeting.createdAt.toISOString(),
  }));
}
