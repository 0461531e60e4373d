import { randomBytes } from "node:crypto";
import type { Caller } from "@/server/deps";
import type { MemberRole } from "@/core/roles";
import { assertAllowedGlobally } from "@/core/permissions";
import * as membership from "@/core/membership";
import { refuse } from "@/core/errors";
import { runCommand } from "./event-log";
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
  if (!meeting) throw refuse("MEETING_NOT_FOUND");
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
