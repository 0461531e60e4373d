import { describe, expect, it } from "vitest";
import { applyLiveMessage, type RoomView } from "@/core/room/stream";
import { emptyRoomState } from "@/core/room/state";
import type { RoomEnvelope } from "@/core/room/envelope";

const view: RoomView = {
  state: { ...emptyRoomState("m1"), seq: 4 },
  viewer: { userId: "bob", globalRole: "USER" },
  inviteCode: "code",
  online: ["ana", "bob"],
  serverTime: "2026-04-01T10:00:00.000Z",
};
const event = (seq: number): RoomEnvelope => ({
  seq,
  at: "2026-04-01T10:00:05.000Z",
  actorId: "bob",
  event: { type: "token.granted", userId: "bob", reason: "free" },
  names: { bob: "Bob" },
  verified: seq,
});

describe("folding the live stream into a page's view", () => {
  it("folds the next event, and ignores one it already has (a resume overlapping what it loaded)", () => {
    const next = applyLiveMessage(view, { t: "event", e: event(5) });
    expect(next.state.seq).toBe(5);
    expect(next.state.token.holder).toEqual({ userId: "bob", since: Date.parse("2026-04-01T10:00:05.000Z") });
    expect(next.state.people).toEqual({ bob: "Bob" });
    expect(next.state.verifiedThrough).toBe(5);
    expect(applyLiveMessage(next, { t: "event", e: event(5) })).toBe(next);
    expect(applyLiveMessage(view, { t: "event", e: event(3) })).toBe(view);
  });

  it("replaces the view with a snapshot, and keeps who is online from presence messages", () => {
    const snapshot = { ...view, online: ["cy"], state: { ...view.state, seq: 9 } };
    expect(applyLiveMessage(view, { t: "snapshot", view: snapshot })).toBe(snapshot);
    const after = applyLiveMessage(view, { t: "presence", joined: ["cy"], left: ["ana"] });
    expect([...after.online].sort()).toEqual(["bob", "cy"]);
    expect(applyLiveMessage(after, { t: "ready", seq: 4, online: ["dee"] }).online).toEqual(["dee"]);
  });

  it("leaves the view alone for ephemeral messages and the end of the stream", () => {
    const pointer = {
      t: "ephemeral",
      from: "ana",
      channel: "pointer",
      to: null,
      body: { x: 1, y: 2 },
    } as const;
    expect(applyLiveMessage(view, pointer)).toBe(view);
    expect(applyLiveMessage(view, { t: "ended", reason: "revoked" })).toBe(view);
  });
});
