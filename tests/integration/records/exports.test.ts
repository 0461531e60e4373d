import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app";
import { getRecord, getSigningKey, serveWith, staffUser } from "../../helpers/routes";
import { runScriptedMeeting, type ScriptedMeeting } from "../../helpers/record-meeting";
import { pdfPages } from "../../helpers/pdf";
import { verifyBundle } from "@/core/audit/verify-bundle";
import { recordBundleSchema } from "@/core/audit/bundle";
import type { SessionUser } from "@/server/auth/session";

let app: TestApp;
let closed: ScriptedMeeting;
let open: ScriptedMeeting;
let auditor: SessionUser, admin: SessionUser;

beforeAll(async () => {
  app = await createTestApp();
  serveWith(app.deps);
  closed = await runScriptedMeeting(app, { title: "Budget 2027" });
  open = await runScriptedMeeting(app, { title: "Hiring plan", until: "DECISION" });
  auditor = await staffUser(app, "Ida", "AUDITOR");
  admin = await staffUser(app, "Root", "ADMIN");
});
afterAll(() => app.close());

const lastSeq = async (meetingId: string) =>
  (await app.deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).lastSeq;
const lastEvent = async (meetingId: string) =>
  app.deps.db.auditEvent.findFirstOrThrow({ where: { meetingId }, orderBy: { seq: "desc" } });

describe("downloading a closed meeting's record", () => {
  it("gives an auditor the signed JSON, which verifies offline with the published key", async () => {
    const before = await lastSeq(closed.meetingId);
    const res = await getRecord(closed.meetingId, "format=json", auditor);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="orchestrasec-record-m_\w+-\d+\.json"$/,
    );
    const text = await res.text();
    const bundle = recordBundleSchema.parse(JSON.parse(text));

    // The download is the last event of the record it delivers, and of the stored log.
    expect(bundle.chain.head!.seq).toBe(before + 1);
    expect(bundle.events.at(-1)).toMatchObject({
      type: "record.exported",
      actorId: auditor.userId,
      data: { format: "json" },
    });
    expect(await lastEvent(closed.meetingId)).toMatchObject({ seq: before + 1, type: "record.exported" });
    expect(bundle.exported).toMatchObject({ by: auditor.userId, seq: before + 1 });
    expect(bundle.meeting).toMatchObject({ id: closed.meetingId, title: "Budget 2027", phase: "CLOSED" });
    expect(bundle.people.map((p) => p.name).sort()).toEqual(["Ana", "Bob", "Cy", "Ida", "Olga"]);

    const pem = await (await getSigningKey()).text();
    expect(verifyBundle(text, pem)).toMatchObject({ ok: true, meetingId: closed.meetingId });
    expect(bundle.signature.publicKeyUrl).toBe("http://localhost:3000/.well-known/orchestrasec-signing-key");
  });

  it("gives the CSV: one row per event with time, seq, actor, type and a readable summary", async () => {
    const res = await getRecord(closed.meetingId, "format=csv", admin);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("time (UTC),seq,actor,type,summary,hash");
    expect(lines).toHaveLength((await lastSeq(closed.meetingId)) + 1);
    expect(lines[1]).toMatch(
      /^2026-01-01T09:00:00\.000Z,1,Ana,meeting\.created,Ana created the meeting “Budget 2027”,[0-9a-f]{64}$/,
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/,Bob,idea\.posted,Bob posted an idea: “Cut travel by 20%”,/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/,Ana,proposal\.closed,Ana closed the proposal “Adopt the travel cut”: adopted,/),
    );
    expect(lines.at(-1)).toMatch(/,Root,record\.exported,Root downloaded the record \(CSV\),/);
  });

  it("gives the PDF minutes, with the chain head and how to verify on the last page", async () => {
    const res = await getRecord(closed.meetingId, "format=pdf", closed.bob); // a member, meeting closed
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pages = pdfPages(Buffer.from(await res.arrayBuffer()));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const all = pages.join("\n");
    for (const text of [
      "Minutes: Budget 2027",
      "Attendees and roles",
      "Olga",
      "Observer",
      "Speaking turns",
      "Equity index",
      "Cut travel by 20%, conferences excluded",
      "Adopt the travel cut",
      "ADOPTED",
      "2 of 3 entitled members voted",
      "2 ratings, mean 4.50 out of 5",
      "Downloads of this record",
    ])
      expect(all).toContain(text);
    const last = pages.at(-1)!;
    const head = await lastEvent(closed.meetingId);
    expect(last).toContain("Verifying this record");
    expect(last).toContain(head.hash);
    expect(last).toContain(`verified, event by event, through event #${head.seq}`);
    expect(last).toContain("npm run audit:verify-bundle");
  });

  it("writes the CSV and PDF in French when asked", async () => {
    const pdf = pdfPages(
      Buffer.from(await (await getRecord(closed.meetingId, "format=pdf&locale=fr", auditor)).arrayBuffer()),
    );
    expect(pdf.join("\n")).toContain("Compte rendu : Budget 2027");
    expect(pdf.at(-1)).toContain("Vérifier ce registre");
    const csv = await (await getRecord(closed.meetingId, "format=csv&locale=fr", auditor)).text();
    expect(csv).toContain("Ana a créé la réunion « Budget 2027 »");
  });

  it("records every download in the meeting's log: who, which format", async () => {
    const exports = await app.deps.db.auditEvent.findMany({
      where: { meetingId: closed.meetingId, type: "record.exported" },
      orderBy: { seq: "asc" },
    });
    expect(exports.map((e) => [e.actorId, JSON.parse(e.payload).format])).toEqual([
      [auditor.userId, "json"],
      [admin.userId, "csv"],
      [closed.bob.userId, "pdf"],
      [auditor.userId, "pdf"],
      [auditor.userId, "csv"],
    ]);
  });
});

describe("who may not download", () => {
  const formats = ["json", "csv", "pdf"] as const;

  async function refused(meetingId: string, user: SessionUser | null, status: number, message: RegExp) {
    const before = await lastSeq(meetingId);
    for (const format of formats) {
      const res = await getRecord(meetingId, `format=${format}`, user);
      expect(res.status, `${format}`).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/json");
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(message);
    }
    expect(await lastSeq(meetingId), "a refused download records nothing").toBe(before);
  }

  it("refuses an anonymous visitor (401)", async () => {
    await refused(closed.meetingId, null, 401, /sign in/i);
    await refused(open.meetingId, null, 401, /sign in/i);
  });

  it("refuses a participant of another meeting (403)", async () => {
    await refused(closed.meetingId, open.bob, 403, /only the meeting's members/i);
    await refused(open.meetingId, closed.cy, 403, /only the meeting's members/i);
  });

  it("refuses members of an open meeting, observers included, until it is closed (403)", async () => {
    await refused(open.meetingId, open.obs, 403, /once the meeting is closed/i);
    await refused(open.meetingId, open.bob, 403, /once the meeting is closed/i);
    await refused(open.meetingId, open.fac, 403, /once the meeting is closed/i);
  });

  it("lets staff download an open meeting's record", async () => {
    expect((await getRecord(open.meetingId, "format=json", auditor)).status).toBe(200);
    expect((await getRecord(open.meetingId, "format=csv", admin)).status).toBe(200);
  });

  it("answers bad requests clearly, never with a 500", async () => {
    expect((await getRecord(closed.meetingId, "format=docx", auditor)).status).toBe(400);
    expect((await getRecord(closed.meetingId, "", auditor)).status).toBe(400);
    expect((await getRecord(closed.meetingId, "format=pdf&locale=de", auditor)).status).toBe(400);
    const missing = await getRecord("m_doesnotexist", "format=json", auditor);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: {
        code: "NOT_FOUND",
        message: "This meeting does not exist, or the link is wrong.",
        refusal: { code: "MEETING_NOT_FOUND", params: {} },
      },
    });
    expect((await getRecord("m_doesnotexist", "format=json", null)).status).toBe(401);
  });
});
