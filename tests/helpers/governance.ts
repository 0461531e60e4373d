// A meeting with the four kinds of member, and shortcuts to drive it through the API.
import type { SessionUser } from "@/server/auth/session";
import type { Phase } from "@/core/phases/phase";
import { nextPhase } from "@/core/phases/machine";
import type { TestApp } from "./app";

export interface GovernanceMeeting {
  meetingId: string;
  inviteCode: string;
  fac: SessionUser;
  bob: SessionUser;
  cy: SessionUser;
  obs: SessionUser;
}

/** Ana facilitates, Bob and Cy participate, Olga observes. */
export async function governanceMeeting(app: TestApp, title = "Budget 2027"): Promise<GovernanceMeeting> {
  const [fac, bob, cy, obs] = await Promise.all(["Ana", "Bob", "Cy", "Olga"].map((n) => app.user(n)));
  const { meetingId } = await app.as(fac).meetings.create({ title });
  const { meeting } = await app.room(fac, meetingId);
  for (const u of [bob, cy, obs]) await app.as(u).meetings.join({ inviteCode: meeting.inviteCode });
  await app.as(fac).meetings.setRole({ meetingId, userId: obs.userId, role: "OBSERVER" });
  return { meetingId, inviteCode: meeting.inviteCode, fac, bob, cy, obs };
}

/** Moves the meeting forward, as `who`, until it is in `target`. */
export async function advanceTo(app: TestApp, who: SessionUser, meetingId: string, target: Phase) {
  for (;;) {
    const { meeting } = await app.room(who, meetingId);
    if (meeting.phase === target) return;
    const to = nextPhase(meeting.phase);
    if (!to) throw new Error(`cannot reach ${target} from ${meeting.phase}`);
    await app.as(who).phases.change({ meetingId, to });
  }
}

/** The meeting's audit log as plain objects: type, actor and payload. */
export async function auditLog(app: TestApp, meetingId: string) {
  const rows = await app.deps.db.auditEvent.findMany({ where: { meetingId }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({ seq: r.seq, type: r.type, actorId: r.actorId, ...JSON.parse(r.payload) }));
}
