import { describe, expect, it } from "vitest";
import { foldRoom } from "@/core/room/fold";
import { audienceOf, discloseEnvelope, discloseState, mayView } from "@/core/room/disclose";
import type { RoomEnvelope } from "@/core/room/envelope";
import type { MeetingEvent } from "@/core/events";
import type { GlobalRole } from "@/core/roles";

const at = (sec: number) => new Date(Date.parse("2026-04-01T10:00:00Z") + sec * 1000).toISOString();
let seq = 0;
const env = (actorId: string | null, event: MeetingEvent): RoomEnvelope => ({
  seq: ++seq,
  at: at(seq),
  actorId,
  event,
});

const log = [
  env("ana", { type: "meeting.created", title: "T", description: "" }),
  env("ana", { type: "member.joined", userId: "ana", role: "FACILITATOR" }),
  env("bob", { type: "member.joined", userId: "bob", role: "PARTICIPANT" }),
  env("cy", { type: "member.joined", userId: "cy", role: "PARTICIPANT" }),
  env("olga", { type: "member.joined", userId: "olga", role: "OBSERVER" }),
  env("ana", { type: "phase.changed", from: "IDEATION", to: "FEEDBACK", reason: null }),
  env("bob", { type: "feedback.given", userId: "bob", rating: 4, comment: "Good" }),
  env("cy", { type: "feedback.given", userId: "cy", rating: 2, comment: null }),
];
const state = foldRoom("m1", log);
const viewer = (userId: string, globalRole: GlobalRole = "USER") => ({ userId, globalRole });

// What each kind of viewer sees of the two ratings, written out: [who, rating, comment].
const EXPECTED: Record<string, [string | null, number | null, string | null][]> = {
  ana: [
    [null, 4, "Good"],
    [null, 2, null],
  ],
  bob: [
    ["bob", 4, "Good"],
    [null, null, null],
  ],
  cy: [
    [null, null, null],
    ["cy", 2, null],
  ],
  olga: [
    [null, null, null],
    [null, null, null],
  ],
  admin: [
    [null, 4, "Good"],
    [null, 2, null],
  ],
  auditor: [
    [null, 4, "Good"],
    [null, 2, null],
  ],
};
const VIEWERS = {
  ana: viewer("ana"),
  bob: viewer("bob"),
  cy: viewer("cy"),
  olga: viewer("olga"),
  admin: viewer("adele", "ADMIN"),
  auditor: viewer("audrey", "AUDITOR"),
};

describe("what each viewer may see of the room", () => {
  it.each(Object.entries(VIEWERS))("ratings as %s sees them", (name, v) => {
    const seen = discloseState(state, v).feedback.map((f) => [f.userId, f.rating, f.comment]);
    expect(seen).toEqual(EXPECTED[name]);
  });

  it.each(Object.entries(VIEWERS))(
    "the log folded as %s receives it is the state disclosed to them",
    (_n, v) => {
      const audience = audienceOf(state, v);
      const received = log.map((e) => discloseEnvelope(e, v, audience));
      expect(foldRoom("m1", received)).toEqual(discloseState(state, v));
    },
  );

  it("never names the author of someone else's rating, not even as the actor", () => {
    const seen = discloseEnvelope(log[6], VIEWERS.cy, "member");
    expect(seen.actorId).toBeNull();
    expect(seen.event).toEqual({ type: "feedback.given", userId: null, rating: null, comment: null });
    expect(discloseEnvelope(log[6], VIEWERS.ana, "staff").event).toEqual({
      type: "feedback.given",
      userId: null,
      rating: 4,
      comment: "Good",
    });
  });

  it("leaves every other event as it is", () => {
    for (const e of log.slice(0, 6)) expect(discloseEnvelope(e, VIEWERS.olga, "member")).toBe(e);
  });

  it("lets members, admins and auditors follow; not a member who left or an outsider", () => {
    const left = foldRoom("m1", [...log, env("cy", { type: "member.left", userId: "cy" })]);
    expect(mayView(left, VIEWERS.bob)).toBe(true);
    expect(mayView(left, VIEWERS.admin)).toBe(true);
    expect(mayView(left, VIEWERS.auditor)).toBe(true);
    expect(mayView(left, VIEWERS.cy)).toBe(false);
    expect(mayView(left, viewer("mallory"))).toBe(false);
  });
});
