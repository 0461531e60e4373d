import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { clientRefusal } from "../helpers/client-error";
import frErrors from "@/messages/fr/errors.json";
import { getRecord, serveWith, staffUser } from "../helpers/routes";
import { pdfLines, pdfPages } from "../helpers/pdf";
import type { SessionUser } from "@/server/auth/session";

// A fair floor through the API (createCaller), on whichever database TEST_DB names.

let app: TestApp;
let fac: SessionUser, bob: SessionUser, cy: SessionUser, dee: SessionUser;
let meetingId: string;

async function log() {
  const rows = await app.deps.db.auditEvent.findMany({ where: { meetingId }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({ type: r.type, actorId: r.actorId, ...JSON.parse(r.payload) }));
}
const queue = async () => (await app.room(fac, meetingId)).queue.map((q) => q.name);

beforeEach(async () => {
  app = await createTestApp();
  fac = await app.user("Ana");
  bob = await app.user("Bob");
  cy = await app.user("Cy");
  dee = await app.user("Dee");
  ({ meetingId } = await app.as(fac).meetings.create({ title: "Fair floor", description: "" }));
  const { meeting } = await app.room(fac, meetingId);
  for (const u of [bob, cy, dee]) await app.as(u).meetings.join({ inviteCode: meeting.inviteCode });
});
afterEach(() => app?.close());

/** Bob speaks 60 s, Cy 10 s; then Dee holds the floor while Bob, then Cy, wait. */
async function history() {
  await app.as(bob).tokens.request({ meetingId });
  app.deps.clock.advance(60_000);
  await app.as(bob).tokens.release({ meetingId });
  await app.as(cy).tokens.request({ meetingId });
  app.deps.clock.advance(10_000);
  await app.as(cy).tokens.release({ meetingId });
  await app.as(dee).tokens.request({ meetingId }); // takes the free floor
  await app.as(bob).tokens.request({ meetingId });
  await app.as(cy).tokens.request({ meetingId });
}

describe("queue order policies through the API", () => {
  it.each([
    ["FIRST_COME", ["Bob", "Cy"], "Bob"],
    ["FEWEST_TURNS", ["Bob", "Cy"], "Bob"], // one turn each: Bob asked first
    ["LEAST_TIME", ["Cy", "Bob"], "Cy"], // Cy spoke 10 s, Bob 60 s
  ] as const)("orders by %s and passes the floor in that order", async (policy, order, next) => {
    await history();
    if (policy !== "FIRST_COME") await app.as(fac).floor.setPolicy({ meetingId, policy });
    expect(await queue()).toEqual(order);
    const room = await app.room(bob, meetingId);
    expect(room.floor.policy).toBe(policy);
    expect(room.queue.map((q) => [q.name, q.turns, q.speakingMs, q.placedBy])).toEqual(
      order.map((n) => [n, 1, n === "Bob" ? 60_000 : 10_000, policy]),
    );
    await app.as(dee).tokens.release({ meetingId });
    expect((await app.room(fac, meetingId)).holder?.name).toBe(next);
  });

  it("records reorders and out-of-order grants with their reason and who was passed over", async () => {
    await history();
    await app.as(fac).floor.reorder({ meetingId, userId: cy.userId, direction: "up", reason: "Brief reply" });
    expect(await queue()).toEqual(["Cy", "Bob"]);
    await app.as(fac).tokens.grant({ meetingId, userId: bob.userId, reason: "Rapporteur" });
    const tail = (await log()).slice(-4);
    expect(tail).toEqual([
      {
        type: "floor.reordered",
        actorId: fac.userId,
        userId: cy.userId,
        direction: "up",
        from: 2,
        to: 1,
        skipped: [bob.userId],
        reason: "Brief reply",
      },
      {
        type: "floor.grantedOutOfOrder",
        actorId: fac.userId,
        userId: bob.userId,
        position: 2,
        skipped: [cy.userId],
        reason: "Rapporteur",
      },
      { type: "token.released", actorId: fac.userId, userId: dee.userId, reason: "replaced" },
      { type: "token.granted", actorId: fac.userId, userId: bob.userId, reason: "facilitator" },
    ]);
  });

  it("puts points of order ahead, one per person; the facilitator grants or declines them", async () => {
    await history();
    await app.as(cy).floor.raisePoint({ meetingId, reason: "Quorum" });
    await app.as(bob).floor.raisePoint({ meetingId, reason: "Agenda" });
    let room = await app.room(dee, meetingId);
    expect(room.floor.points.map((p) => [p.name, p.reason])).toEqual([
      ["Cy", "Quorum"],
      ["Bob", "Agenda"],
    ]);
    await app.as(fac).floor.declinePoint({ meetingId, userId: bob.userId, reason: "Later" });
    await app.as(fac).floor.grantPoint({ meetingId, userId: cy.userId });
    room = await app.room(dee, meetingId);
    expect(room.holder?.name).toBe("Cy");
    expect(room.floor.points).toEqual([]);
    expect(await app.deps.db.pointOfOrder.count({ where: { meetingId } })).toBe(0);
    expect(await app.deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).toMatchObject({
      holderId: cy.userId,
    });
  });
});

describe("the PDF minutes", () => {
  it("list every override and every point of order, in English and in French", async () => {
    serveWith(app.deps);
    await history(); // Dee holds; Bob then Cy wait
    await app.as(fac).floor.reorder({ meetingId, userId: cy.userId, direction: "up", reason: "Brief reply" });
    await app.as(bob).floor.raisePoint({ meetingId, reason: "Quorum" });
    await app.as(fac).floor.declinePoint({ meetingId, userId: bob.userId, reason: "Checked" });
    await app.as(cy).floor.raisePoint({ meetingId, reason: "Agenda" });
    await app.as(fac).floor.grantPoint({ meetingId, userId: cy.userId });
    const auditor = await staffUser(app, "Ida", "AUDITOR");
    const text = async (locale: string) => {
      const res = await getRecord(meetingId, `format=pdf&locale=${locale}`, auditor);
      // Table cells are read row by row, one cell a line.
      return pdfLines(pdfPages(Buffer.from(await res.arrayBuffer()))).join("\n");
    };
    const en = await text("en");
    expect(en).toContain("Floor overrides and points of order");
    // Bob, Cy and Dee took a free floor (in order); Cy spoke again on her point (an override).
    expect(en).toContain("3 in queue order, 1 by override (25%)");
    expect(en).toContain("Ana\nCy\nplace 2 → 1\nBob\nBrief reply");
    expect(en).toContain("Bob\nQuorum\ndeclined by Ana");
    expect(en).toContain("Checked");
    expect(en).toContain("Cy\nAgenda\ngranted by Ana");
    const fr = await text("fr");
    expect(fr).toContain("Dérogations à l’ordre de parole et rappels au règlement");
    expect(fr).toContain("Ana\nCy\nplace 2 → 1\nBob\nBrief reply");
    expect(fr).toContain("Bob\nQuorum\nrefusé par Ana");
    expect(fr).toContain("Cy\nAgenda\naccordé par Ana");
  });
});

// The sentences a French reader gets for each refusal code (the UI translates the code).
const frenchFor = (code: string) => (frErrors.refusals as Record<string, string>)[code];

describe("refusals write nothing", () => {
  it.each([
    [
      "a second point of order",
      async () => app.as(bob).floor.raisePoint({ meetingId, reason: "Again" }),
      { code: "CONFLICT", refusal: { code: "POINT_ALREADY_OPEN", params: {} } },
    ],
    [
      "a reorder of someone not queued",
      async () => app.as(fac).floor.reorder({ meetingId, userId: dee.userId, direction: "up", reason: null }),
      { code: "PRECONDITION_FAILED", refusal: { code: "OTHER_NOT_QUEUED", params: {} } },
    ],
    [
      "a drag further than the queue goes",
      async () =>
        app.as(fac).floor.reorder({ meetingId, userId: cy.userId, direction: "up", places: 2, reason: null }),
      { code: "PRECONDITION_FAILED", refusal: { code: "QUEUE_MOVE_TOO_FAR", params: {} } },
    ],
    [
      "a reason over the limit",
      async () =>
        app.as(fac).floor.reorder({ meetingId, userId: cy.userId, direction: "up", reason: "x".repeat(201) }),
      {
        code: "BAD_REQUEST",
        refusal: {
          code: "INVALID_INPUT",
          params: {},
          issues: [{ field: "reason", problem: "TOO_LONG", params: { max: 200 } }],
        },
      },
    ],
    [
      "a policy that does not exist",
      async () => app.as(fac).floor.setPolicy({ meetingId, policy: "LOUDEST" as "FIRST_COME" }),
      {
        code: "BAD_REQUEST",
        refusal: {
          code: "INVALID_INPUT",
          params: {},
          issues: [{ field: "policy", problem: "CHOICE", params: {} }],
        },
      },
    ],
    [
      "a participant trying to reorder",
      async () => app.as(bob).floor.reorder({ meetingId, userId: cy.userId, direction: "up", reason: null }),
      { code: "FORBIDDEN", refusal: { code: "ROLE_FORBIDS", params: { action: "floor.reorder" } } },
    ],
  ] as const)("refuses %s, with a code the UI translates", async (_what, call, expected) => {
    await history();
    await app.as(bob).floor.raisePoint({ meetingId, reason: "First" });
    const before = await log();
    expect(await clientRefusal(call())).toEqual(expected);
    expect(frenchFor(expected.refusal.code), "a French sentence for the code").toMatch(/\S/);
    expect(await log()).toEqual(before);
    expect(await app.deps.db.pointOfOrder.count({ where: { meetingId } })).toBe(1);
  });
});
