// Tampering with the stored log behind the application's back (plain SQL on the database) is
// detected, at the right event, with the right reason: through the API and through the CLI.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app";
import { runScriptedMeeting } from "../../helpers/record-meeting";
import { runCliCommand } from "../../helpers/cli";
import { chainHash } from "@/core/audit/chain";
import { recordFromRow } from "@/core/audit/rows";
import { canonicalJson } from "@/core/audit/canonical";
import type { MeetingEvent } from "@/core/events";
import type { SessionUser } from "@/server/auth/session";

let app: TestApp;
let auditor: SessionUser;
const tampered: { meetingId: string; brokenAt: number; reason: string }[] = [];

beforeAll(async () => {
  app = await createTestApp();
  auditor = await app.user("Ida", "AUDITOR");
});
afterAll(() => app.close());

const db = () => app.deps.db;
const row = (meetingId: string, seq: number) =>
  db().auditEvent.findUniqueOrThrow({ where: { meetingId_seq: { meetingId, seq } } });
const verifyViaApi = (meetingId: string) => app.as(auditor).records.verify({ meetingId });
const verifyViaCli = (...args: string[]) =>
  runCliCommand("audit-verify.ts", args, { DATABASE_URL: app.database.url });

async function freshMeeting(): Promise<string> {
  const { meetingId } = await runScriptedMeeting(app, { title: `Tamper ${randomBytes(2).toString("hex")}` });
  expect(await verifyViaApi(meetingId)).toMatchObject({ ok: true, brokenAt: null });
  return meetingId;
}

/** Checks both ways of verifying, and remembers the case for the --all run. */
async function expectBroken(meetingId: string, brokenAt: number, reason: string) {
  const status = await verifyViaApi(meetingId);
  expect(status).toMatchObject({ ok: false, brokenAt, reason, verifiedThrough: brokenAt - 1 });
  const cli = verifyViaCli(meetingId);
  expect(cli.status, cli.stderr).toBe(1);
  expect(cli.stdout).toContain(`BROKEN  ${meetingId}  at event #${brokenAt} (${reason})`);
  tampered.push({ meetingId, brokenAt, reason });
}

describe("tampering with the stored log", () => {
  it("UPDATE of an event's payload: changed, at that event", async () => {
    const meetingId = await freshMeeting();
    const target = await db().auditEvent.findFirstOrThrow({ where: { meetingId, type: "idea.posted" } });
    const forged = target.payload.replace("Cut travel by 20%", "Cut travel by 50%");
    expect(forged).not.toBe(target.payload);
    await db()
      .$executeRaw`UPDATE "AuditEvent" SET "payload" = ${forged} WHERE "meetingId" = ${meetingId} AND "seq" = ${target.seq}`;
    await expectBroken(meetingId, target.seq, "changed");
  });

  it("a payload that carries its own type: changed, and never read back as that type", async () => {
    const meetingId = await freshMeeting();
    const target = await db().auditEvent.findFirstOrThrow({ where: { meetingId, type: "idea.posted" } });
    const forged = `{"type":"token.granted",${target.payload.slice(1)}`;
    await db()
      .$executeRaw`UPDATE "AuditEvent" SET "payload" = ${forged} WHERE "meetingId" = ${meetingId} AND "seq" = ${target.seq}`;
    expect(() => recordFromRow(meetingId, { ...target, payload: forged })).toThrow(/carries its own type/);
    await expectBroken(meetingId, target.seq, "changed");
  });

  it("UPDATE of a payload with its hash recomputed: still caught by the next event's link", async () => {
    const meetingId = await freshMeeting();
    const target = await db().auditEvent.findFirstOrThrow({ where: { meetingId, type: "vote.cast" } });
    const payload = target.payload.replace('"optionId":"yes"', '"optionId":"no"');
    expect(payload).not.toBe(target.payload);
    const hash = chainHash(target.prevHash, recordFromRow(meetingId, { ...target, payload }));
    await db()
      .$executeRaw`UPDATE "AuditEvent" SET "payload" = ${payload}, "hash" = ${hash} WHERE "meetingId" = ${meetingId} AND "seq" = ${target.seq}`;
    await expectBroken(meetingId, target.seq, "changed");
  });

  it("DELETE of a row: missing, at that event", async () => {
    const meetingId = await freshMeeting();
    await db().$executeRaw`DELETE FROM "AuditEvent" WHERE "meetingId" = ${meetingId} AND "seq" = ${7}`;
    await expectBroken(meetingId, 7, "missing");
  });

  it("DELETE of the last rows: missing, against the meeting's head", async () => {
    const meetingId = await freshMeeting();
    const { lastSeq } = await db().meeting.findUniqueOrThrow({ where: { id: meetingId } });
    await db()
      .$executeRaw`DELETE FROM "AuditEvent" WHERE "meetingId" = ${meetingId} AND "seq" >= ${lastSeq - 1}`;
    await expectBroken(meetingId, lastSeq - 1, "missing");
  });

  it("swapping two sequence numbers: reordered, at the first of them", async () => {
    const meetingId = await freshMeeting();
    // Through a free number: (meetingId, seq) is unique.
    await db()
      .$executeRaw`UPDATE "AuditEvent" SET "seq" = ${-1} WHERE "meetingId" = ${meetingId} AND "seq" = ${9}`;
    await db()
      .$executeRaw`UPDATE "AuditEvent" SET "seq" = ${9} WHERE "meetingId" = ${meetingId} AND "seq" = ${10}`;
    await db()
      .$executeRaw`UPDATE "AuditEvent" SET "seq" = ${10} WHERE "meetingId" = ${meetingId} AND "seq" = ${-1}`;
    await expectBroken(meetingId, 9, "reordered");
  });

  it("INSERT of a forged, correctly chained row after the head: inserted, at that row", async () => {
    const meetingId = await freshMeeting();
    const { lastSeq } = await db().meeting.findUniqueOrThrow({ where: { id: meetingId } });
    const last = await row(meetingId, lastSeq);
    await insertForged(meetingId, lastSeq + 1, last.hash, last.seq);
    await expectBroken(meetingId, lastSeq + 1, "inserted");
  });

  it("INSERT of a forged row in the middle, the rest renumbered: inserted, at that row", async () => {
    const meetingId = await freshMeeting();
    const at = 12;
    await db()
      .$executeRaw`UPDATE "AuditEvent" SET "seq" = "seq" + 100000 WHERE "meetingId" = ${meetingId} AND "seq" >= ${at}`;
    await db()
      .$executeRaw`UPDATE "AuditEvent" SET "seq" = "seq" - 99999 WHERE "meetingId" = ${meetingId} AND "seq" >= ${100000}`;
    const before = await row(meetingId, at - 1);
    await insertForged(meetingId, at, before.hash, at - 1);
    await expectBroken(meetingId, at, "inserted");
  });

  it("the CLI checks every meeting with --all and fails if any is broken", async () => {
    const intact = await freshMeeting();
    const all = verifyViaCli("--all");
    expect(all.status).toBe(1);
    expect(all.stdout).toContain(`OK      ${intact}`);
    for (const t of tampered)
      expect(all.stdout).toContain(`BROKEN  ${t.meetingId}  at event #${t.brokenAt} (${t.reason})`);
    expect(all.stdout).toContain(`1 of ${tampered.length + 1} meeting record(s) verified`);

    const ok = verifyViaCli(intact);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`OK      ${intact}  verified through event #\\d+`));
    expect(verifyViaCli("m_nosuchmeeting").status).toBe(1);
    expect(verifyViaCli().status).toBe(1);
  });
});

/** Writes a forged event as row #seq, chained to `prevHash`, with the time of row #timeOf. */
async function insertForged(meetingId: string, seq: number, prevHash: string, timeOf: number) {
  const source = await row(meetingId, timeOf);
  const event: MeetingEvent = {
    type: "member.roleChanged",
    userId: source.actorId ?? "x",
    role: "FACILITATOR",
  };
  const { type, ...data } = event;
  const payload = canonicalJson(data);
  const hash = chainHash(prevHash, { meetingId, seq, at: source.at, actorId: source.actorId, event });
  // The time is copied in SQL, so it is stored exactly as the database stores times.
  await db().$executeRaw`
    INSERT INTO "AuditEvent" ("id", "meetingId", "seq", "type", "actorId", "payload", "at", "prevHash", "hash")
    SELECT ${`forged_${seq}`}, "meetingId", ${seq}, ${type}, "actorId", ${payload}, "at", ${prevHash}, ${hash}
    FROM "AuditEvent" WHERE "meetingId" = ${meetingId} AND "seq" = ${timeOf}`;
}
