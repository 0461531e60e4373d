import { randomBytes } from "node:crypto";
import type { Caller, Deps } from "@/server/deps";
import type { SessionUser } from "@/server/auth/session";
import type { MemberRole } from "@/core/roles";
import { assertAllowedGlobally, capabilities } from "@/core/permissions";
import * as membership from "@/core/membership";
import { notFound } from "@/core/errors";
import { turnEndsAt } from "@/core/tokens/engine";
import { runCommand } from "./event-log";
import { authorize } from "./authorize";
import { rowToEnvelope } from "./event-records";
import { readSnapshot, memberRole } from "./snapshot";
import type { CreateMeetingInput } from "@/lib/schemas/meeting";

const newInviteCode = () => randomBytes(12).toString("base64url");

/** The creator becomes the meeting's first facilitator; both facts open the meeting's log. */
export async function createMeeting(ctx: Caller, input: Required<CreateMeetingInput>) {
  const id = `m_${randomBytes(10).toString("hex")}`;
  const create = { id, title: input.title, description: input.description, inviteCode: newInviteCode() };
  await runCommand(ctx, { create, action: "meeting.create" }, () => ({
    events: [
      { type: "meeting.created", title: input.title, description: input.description },
      { type: "member.joined", userId: ctx.session.userId, role: "FACILITATOR" },
    ],
    result: null,
  }));
  return { meetingId: id };
}

/** Opening the invite link joins as Participant; a member opening it again changes nothing. */
export async function joinMeeting(ctx: Caller, inviteCode: string) {
  const meeting = await ctx.db.meeting.findUnique({ where: { inviteCode }, select: { id: true } });
  if (!meeting) throw notFound("Meeting");
  const { userId } = ctx.session;
  await runCommand(
    ctx,
    {
      meetingId: meeting.id,
      action: (snap) => membership.joinAction(snap.members, userId),
    },
    (snap) => ({ events: membership.join(snap.members, userId), result: null }),
  );
  return { meetingId: meeting.id };
}

export async function leaveMeeting(ctx: Caller, meetingId: string) {
  await runCommand(ctx, { meetingId, action: "meeting.leave" }, (snap) => ({
    events: membership.leave(snap, ctx.session.userId),
    result: null,
  }));
}

export async function setMemberRole(
  ctx: Caller,
  input: { meetingId: string; userId: string; role: MemberRole },
) {
  await runCommand(ctx, { meetingId: input.meetingId, action: "meeting.setRole" }, (snap) => ({
    events: membership.changeRole(snap, input.userId, input.role),
    result: null,
  }));
}

export async function configureMeeting(
  ctx: Caller,
  input: { meetingId: string; turnLimitSec: number | null },
) {
  await runCommand(ctx, { meetingId: input.meetingId, action: "meeting.configure" }, (snap) => ({
    events:
      snap.token.turnLimitSec === input.turnLimitSec
        ? []
        : [{ type: "meeting.configured", turnLimitSec: input.turnLimitSec }],
    result: null,
  }));
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

export async function listMyMeetings(ctx: Caller) {
  assertAllowedGlobally(ctx.session, "meeting.listMine");
  const rows = await ctx.db.membership.findMany({
    where: { userId: ctx.session.userId, leftAt: null },
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
