// The shared canvas through the command path: one finished action is one hash-chained event,
// anyone without the floor is refused with nothing written, and the largest stroke the schema
// allows gets through (live across two instances on PostgreSQL, whose NOTIFY caps at 8000 bytes).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./../helpers/app";
import { wsClientFor } from "../helpers/ws-client";
import { follow } from "../helpers/live-client";
import type { SessionUser } from "@/server/auth/session";
import type { Shape } from "@/core/board/shapes";
import type { LiveStroke } from "@/core/board/live";
import { createHash } from "node:crypto";
import { advanceTo } from "../helpers/governance";

process.env.NEXTAUTH_SECRET ??= "test-secret-for-the-board-0123456789";

let app: TestApp;
let ana: SessionUser, bob: SessionUser;
let meetingId: string;

/** The longest stroke the schema accepts: 600 points, spread over the whole board. */
const longest: Shape = {
  kind: "pen",
  id: "s-longest",
  color: "purple",
  width: 16,
  points: Array.from({ length: 600 }, (_, i) => [(i * 7) % 1601, 900 - ((i * 13) % 901)] as [number, number]),
};

beforeAll(async () => {
  app = await createTestApp();
  [ana, bob] = await Promise.all([app.user("Ana"), app.user("Bob")]);
  ({ meetingId } = await app.as(ana).meetings.create({ title: "Board", description: "" }));
  const { inviteCode } = await app.as(ana).meetings.room({ meetingId });
  await app.as(bob).meetings.join({ inviteCode });
  await app.as(bob).tokens.request({ meetingId }); // free: Bob takes the floor at once
});
afterAll(() => app?.close());

const lastSeq = async () => (await app.as(ana).records.verify({ meetingId })).lastSeq;

describe("drawing on the board", () => {
  it("a finished stroke is one event in a verified log, folded into the room", async () => {
    const before = await lastSeq();
    const { seq } = await app.as(bob).annotations.draw({ meetingId, shape: longest });
    expect(seq).toBe(before + 1);
    const status = await app.as(ana).records.verify({ meetingId });
    expect(status).toMatchObject({ ok: true, lastSeq: before + 1 });
    const replay = await app.as(ana).records.replay({ meetingId, seq: before + 1 });
    expect(replay.state.canvas.shapes).toEqual([{ shape: longest, by: bob.userId, seq: before + 1 }]);
  });

  it("strokes in progress ride beside the log: never written, refused to whoever may not draw", async () => {
    const before = await lastSeq();
    const body: LiveStroke = {
      id: "live-0001",
      tool: "pen",
      color: "blue",
      width: 4,
      start: 0,
      points: [
        [1, 2],
        [3, 4],
      ],
    };
    for (let i = 0; i < 5; i++)
      await app.as(bob).live.send({ meetingId, channel: "stroke", body: { ...body, start: 2 * i } });
    await expect(app.as(ana).live.send({ meetingId, channel: "stroke", body })).rejects.toMatchObject({
      cause: { refusal: "BOARD_NOT_HOLDER" },
    });
    expect(await lastSeq()).toBe(before);
    expect(
      await app.deps.db.auditEvent.count({ where: { meetingId, payload: { contains: "live-0001" } } }),
    ).toBe(0);
  });

  it("refuses whoever does not hold the floor, and writes nothing", async () => {
    const before = await lastSeq();
    const pen: Shape = { kind: "pen", id: "s-ana-0001", color: "red", width: 2, points: [[1, 1]] };
    await expect(app.as(ana).annotations.draw({ meetingId, shape: pen })).rejects.toMatchObject({
      cause: { refusal: "BOARD_NOT_HOLDER" },
    });
    await expect(app.as(ana).annotations.erase({ meetingId, shapeId: "s-longest" })).rejects.toMatchObject({
      cause: { refusal: "BOARD_NOT_HOLDER" },
    });
    // Facilitators draw too once the meeting says so (a logged change).
    await app.as(ana).annotations.setPolicy({ meetingId, drawPolicy: "HOLDER_AND_FACILITATORS" });
    await app.as(ana).annotations.draw({ meetingId, shape: pen });
    // ...but Ana cannot undo Bob's stroke: her undo takes back her own.
    await app.as(ana).annotations.undo({ meetingId });
    await expect(app.as(ana).annotations.undo({ meetingId })).rejects.toMatchObject({
      cause: { refusal: "NOTHING_TO_UNDO" },
    });
    const room = await app.as(ana).meetings.room({ meetingId });
    expect(room.state.canvas.shapes.map((s) => s.shape.id)).toEqual(["s-longest"]);
    expect(room.state.seq).toBe(before + 3);
  });

  it("refuses malformed shapes with BAD_REQUEST", async () => {
    const bad = [
      { ...longest, id: "s-bad-0001", points: [...(longest as { points: unknown[] }).points, [0, 0]] },
      { ...longest, id: "s-bad-0002", color: "#ff00ff" },
      { ...longest, id: "s-bad-0003", points: [[Number.NaN, 4]] },
      { ...longest, id: "s-bad-0004", kind: "star" },
    ];
    for (const shape of bad)
      await expect(app.as(bob).annotations.draw({ meetingId, shape: shape as Shape })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
  });
});

describe("the board as evidence of a decision", () => {
  it("a closed vote records the hash of the board as it stood, which the fold gives too", async () => {
    // The board now: Bob's longest stroke only. Its hash written out here: SHA-256 of the JSON of
    // the shapes with their authors, keys in sorted order (by, shape; color, id, kind, points, width).
    const p = longest as Extract<Shape, { kind: "pen" }>;
    const json = `[{"by":"${bob.userId}","shape":{"color":"purple","id":"s-longest","kind":"pen","points":${JSON.stringify(p.points)},"width":16}}]`;
    const expected = createHash("sha256").update(json).digest("hex");

    await advanceTo(app, ana, meetingId, "DECISION");
    const { proposalId } = await app.as(ana).decisions.open({
      meetingId,
      title: "Keep the drawing",
      linkedIdeaIds: [],
      options: { kind: "yesNoAbstain" },
      secrecy: "open",
      quorumPercent: 0,
      majority: "simple",
    });
    await app.as(ana).decisions.close({ meetingId, proposalId });
    const row = await app.deps.db.auditEvent.findFirstOrThrow({
      where: { meetingId, type: "proposal.closed" },
    });
    expect(JSON.parse(row.payload).boardHash).toBe(expected);
    expect(await app.as(ana).records.verify({ meetingId })).toMatchObject({ ok: true });
  });
});

describe.runIf(process.env.TEST_DB === "postgres")("the largest stroke, live across two instances", () => {
  it("reaches a follower on the other instance", async () => {
    const { twoInstances } = await import("../helpers/instances");
    await twoInstances(app, async ({ one, two }) => {
      const ws = await wsClientFor(two.port, ana);
      const anaSees = follow(ws.client, meetingId);
      await anaSees.until((f) => f.messages.some((m) => m.t === "ready"));
      const shape = { ...longest, id: "s-longest-2" };
      await one.as(bob).annotations.draw({ meetingId, shape });
      await anaSees.until(
        (f) => f.view?.state.canvas.shapes.some((s) => s.shape.id === "s-longest-2") ?? false,
      );
      ws.close();
    });
  });
});
