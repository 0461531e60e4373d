import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, codeOf, type TestApp } from "../helpers/app";
import type { SessionUser } from "@/server/auth/session";

let app: TestApp;
let fac: SessionUser, bob: SessionUser, cy: SessionUser, obs: SessionUser;
let meetingId: string;

async function events() {
  const rows = await app.deps.db.auditEvent.findMany({ where: { meetingId }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({ seq: r.seq, type: r.type, actorId: r.actorId, ...JSON.parse(r.payload) }));
}

beforeEach(async () => {
  app = await createTestApp();
  fac = await app.user("Ana");
  bob = await app.user("Bob");
  cy = await app.user("Cy");
  obs = await app.user("Olga");
  ({ meetingId } = await app.as(fac).meetings.create({ title: "Budget 2027", description: "Q1 review" }));
  const { meeting } = await app.room(fac, meetingId);
  for (const u of [bob, cy, obs]) await app.as(u).meetings.join({ inviteCode: meeting.inviteCode });
  await app.as(fac).meetings.setRole({ meetingId, userId: obs.userId, role: "OBSERVER" });
});
afterEach(() => app?.close());

describe("speaking token through the API", () => {
  it("runs the whole lifecycle: take, queue, release to head, grant, revoke, withdraw, dismiss", async () => {
    await app.as(bob).tokens.request({ meetingId }); // free: Bob takes it
    await app.as(cy).tokens.request({ meetingId });
    await app.as(fac).tokens.request({ meetingId });
    let room = await app.room(cy, meetingId);
    expect(room.holder?.userId).toBe(bob.userId);
    expect(room.queue.map((q) => [q.name, q.position])).toEqual([
      ["Cy", 1],
      ["Ana", 2],
    ]);

    app.deps.clock.advance(42_000);
    await app.as(bob).tokens.release({ meetingId });
    room = await app.room(bob, meetingId);
    expect(room.holder?.userId).toBe(cy.userId);
    expect(room.queue.map((q) => q.name)).toEqual(["Ana"]);

    await app.as(bob).tokens.request({ meetingId });
    await app.as(fac).tokens.grant({ meetingId, userId: bob.userId }); // jumps Ana, ends Cy's turn
    room = await app.room(fac, meetingId);
    expect(room.holder?.userId).toBe(bob.userId);
    expect(room.queue.map((q) => q.name)).toEqual(["Ana"]);

    await app.as(fac).tokens.withdraw({ meetingId });
    await app.as(fac).tokens.revoke({ meetingId });
    room = await app.room(fac, meetingId);
    expect(room.holder).toBeNull();

    await app.as(cy).tokens.request({ meetingId });
    await app.as(bob).tokens.request({ meetingId });
    await app.as(fac).tokens.dismiss({ meetingId, userId: bob.userId });
    room = await app.room(fac, meetingId);
    expect(room.holder?.userId).toBe(cy.userId);
    expect(room.queue).toEqual([]);
  });

  it("records exactly the expected audit events, in order, chained", async () => {
    await app.as(bob).tokens.request({ meetingId });
    await app.as(cy).tokens.request({ meetingId });
    await app.as(bob).tokens.release({ meetingId });
    await app.as(fac).tokens.revoke({ meetingId });
    const log = await events();
    expect(log).toEqual([
      {
        seq: 1,
        type: "meeting.created",
        actorId: fac.userId,
        title: "Budget 2027",
        description: "Q1 review",
      },
      { seq: 2, type: "member.joined", actorId: fac.userId, userId: fac.userId, role: "FACILITATOR" },
      { seq: 3, type: "member.joined", actorId: bob.userId, userId: bob.userId, role: "PARTICIPANT" },
      { seq: 4, type: "member.joined", actorId: cy.userId, userId: cy.userId, role: "PARTICIPANT" },
      { seq: 5, type: "member.joined", actorId: obs.userId, userId: obs.userId, role: "PARTICIPANT" },
      { seq: 6, type: "member.roleChanged", actorId: fac.userId, userId: obs.userId, role: "OBSERVER" },
      { seq: 7, type: "token.granted", actorId: bob.userId, userId: bob.userId, reason: "free" },
      { seq: 8, type: "token.requested", actorId: cy.userId, userId: cy.userId },
      { seq: 9, type: "token.released", actorId: bob.userId, userId: bob.userId, reason: "released" },
      { seq: 10, type: "token.granted", actorId: bob.userId, userId: cy.userId, reason: "queue" },
      { seq: 11, type: "token.released", actorId: fac.userId, userId: cy.userId, reason: "revoked" },
    ]);
    const rows = await app.deps.db.auditEvent.findMany({ where: { meetingId }, orderBy: { seq: "asc" } });
    rows.slice(1).forEach((r, i) => expect(r.prevHash).toBe(rows[i].hash));
    const meeting = await app.deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    expect([meeting.lastSeq, meeting.lastHash]).toEqual([11, rows.at(-1)!.hash]);
  });

  it("writes no state and no event when a command is refused", async () => {
    await app.as(bob).tokens.request({ meetingId });
    await app.as(cy).tokens.request({ meetingId });
    const snapshot = async () => ({
      meeting: await app.deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId } }),
      queue: await app.deps.db.queueEntry.findMany({ where: { meetingId }, orderBy: { ticket: "asc" } }),
      members: await app.deps.db.membership.findMany({ where: { meetingId }, orderBy: { userId: "asc" } }),
      events: await app.deps.db.auditEvent.count({ where: { meetingId } }),
    });
    const before = await snapshot();
    expect(await codeOf(app.as(cy).tokens.request({ meetingId }))).toBe("CONFLICT");
    expect(await codeOf(app.as(cy).tokens.grant({ meetingId, userId: cy.userId }))).toBe("FORBIDDEN");
    expect(await codeOf(app.as(obs).tokens.request({ meetingId }))).toBe("FORBIDDEN");
    expect(await codeOf(app.as(cy).tokens.release({ meetingId }))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(app.as(fac).tokens.grant({ meetingId, userId: obs.userId }))).toBe(
      "PRECONDITION_FAILED",
    );
    expect(
      await codeOf(app.as(fac).meetings.setRole({ meetingId, userId: fac.userId, role: "PARTICIPANT" })),
    ).toBe("PRECONDITION_FAILED");
    expect(await snapshot()).toEqual(before);
  });

  it("takes the token away from someone made Observer, and from someone who leaves", async () => {
    await app.as(bob).tokens.request({ meetingId });
    await app.as(cy).tokens.request({ meetingId });
    await app.as(fac).meetings.setRole({ meetingId, userId: bob.userId, role: "OBSERVER" });
    let room = await app.room(fac, meetingId);
    expect(room.holder?.userId).toBe(cy.userId);
    await app.as(cy).meetings.leave({ meetingId });
    room = await app.room(fac, meetingId);
    expect(room.holder).toBeNull();
    expect(room.members.map((m) => m.name).sort()).toEqual(["Ana", "Bob", "Olga"]);
    expect((await app.as(cy).meetings.mine()).length).toBe(0);
    expect(await codeOf(app.as(cy).meetings.room({ meetingId }))).toBe("FORBIDDEN");
  });

  it("ends a turn when its time limit has passed", async () => {
    const { expireTurns } = await import("@/server/services/tokens");
    await app.as(fac).meetings.configure({ meetingId, turnLimitSec: 60 });
    await app.as(bob).tokens.request({ meetingId });
    await app.as(cy).tokens.request({ meetingId });
    app.deps.clock.advance(59_000);
    expect(await expireTurns(app.deps)).toBe(0);
    app.deps.clock.advance(1_000);
    expect(await expireTurns(app.deps)).toBe(1);
    const room = await app.room(fac, meetingId);
    expect(room.holder?.userId).toBe(cy.userId);
    const last = await app.deps.db.auditEvent.findMany({
      where: { meetingId },
      orderBy: { seq: "desc" },
      take: 2,
    });
    expect(last.map((e) => [e.type, e.actorId, JSON.parse(e.payload).reason])).toEqual([
      ["token.granted", null, "queue"],
      ["token.released", null, "expired"],
    ]);
  });

  it("lists my meetings with role and member count", async () => {
    const mine = await app.as(bob).meetings.mine();
    expect(mine).toMatchObject([
      { meetingId, title: "Budget 2027", role: "PARTICIPANT", members: 4, phase: "IDEATION" },
    ]);
  });
});
