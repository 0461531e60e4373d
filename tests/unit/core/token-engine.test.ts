import { describe, expect, it } from "vitest";
import type { MeetingEvent } from "@/core/events";
import {
  applyTokenEvent,
  closeTokenEvents,
  dismissRequest,
  emptyTokenState,
  expireTurn,
  grantToken,
  releaseToken,
  removeFromFloor,
  requestToken,
  revokeToken,
  turnEndsAt,
  withdrawRequest,
  type TokenState,
} from "@/core/tokens/engine";
import { code } from "../../helpers/domain-error";

const t0 = new Date("2026-01-01T10:00:00Z");
let seq = 0;
const fold = (s: TokenState, events: MeetingEvent[], at = t0) =>
  events.reduce((acc, e) => applyTokenEvent(acc, e, ++seq, at.getTime()), s);
/** ana holds the token, bob then cy wait. */
function busy(): TokenState {
  let s = emptyTokenState();
  for (const u of ["ana", "bob", "cy"]) s = fold(s, requestToken(s, u));
  return s;
}

describe("token engine", () => {
  it("gives a free token with nobody waiting straight to whoever asks", () => {
    const s = emptyTokenState();
    expect(requestToken(s, "ana")).toEqual([{ type: "token.granted", userId: "ana", reason: "free" }]);
  });

  it("queues requests in arrival order while the token is held", () => {
    const s = busy();
    expect(s.holder?.userId).toBe("ana");
    expect(s.queue.map((q) => q.userId)).toEqual(["bob", "cy"]);
    expect(s.queue[0].ticket).toBeLessThan(s.queue[1].ticket);
  });

  it("refuses a second request from the holder or from someone queued (CONFLICT)", () => {
    const s = busy();
    expect(code(() => requestToken(s, "ana"))).toBe("CONFLICT");
    expect(code(() => requestToken(s, "bob"))).toBe("CONFLICT");
  });

  it("passes the token to the head of the queue on release", () => {
    const s = busy();
    const events = releaseToken(s, "ana");
    expect(events).toEqual([
      { type: "token.released", userId: "ana", reason: "released" },
      { type: "token.granted", userId: "bob", reason: "queue" },
    ]);
    const next = fold(s, events);
    expect(next.holder?.userId).toBe("bob");
    expect(next.queue.map((q) => q.userId)).toEqual(["cy"]);
  });

  it("leaves the token free when the last holder releases with an empty queue", () => {
    let s = fold(emptyTokenState(), requestToken(emptyTokenState(), "ana"));
    s = fold(s, releaseToken(s, "ana"));
    expect(s.holder).toBeNull();
  });

  it("only lets the holder release", () => {
    expect(code(() => releaseToken(busy(), "bob"))).toBe("PRECONDITION_FAILED");
  });

  it("withdraws and dismisses queued requests only", () => {
    const s = busy();
    expect(withdrawRequest(s, "cy")).toEqual([
      { type: "token.withdrawn", userId: "cy", reason: "withdrawn" },
    ]);
    expect(dismissRequest(s, "bob")).toEqual([
      { type: "token.withdrawn", userId: "bob", reason: "dismissed" },
    ]);
    expect(code(() => withdrawRequest(s, "ana"))).toBe("PRECONDITION_FAILED");
    expect(code(() => dismissRequest(s, "zed"))).toBe("PRECONDITION_FAILED");
  });

  it("lets the facilitator grant anyone in the queue, ending the current turn", () => {
    const s = busy();
    const events = grantToken(s, "cy");
    expect(events).toEqual([
      // cy stands second, behind bob: an override, on the record with bob passed over.
      { type: "floor.grantedOutOfOrder", userId: "cy", position: 2, skipped: ["bob"], reason: null },
      { type: "token.released", userId: "ana", reason: "replaced" },
      { type: "token.granted", userId: "cy", reason: "facilitator" },
    ]);
    const next = fold(s, events);
    expect(next.holder?.userId).toBe("cy");
    expect(next.queue.map((q) => q.userId)).toEqual(["bob"]);
    expect(code(() => grantToken(s, "ana"))).toBe("PRECONDITION_FAILED");
  });

  it("revokes from the holder and passes on; refuses when nobody holds", () => {
    const s = busy();
    expect(revokeToken(s).map((e) => e.type)).toEqual(["token.released", "token.granted"]);
    expect(code(() => revokeToken(emptyTokenState()))).toBe("PRECONDITION_FAILED");
  });

  it("expires a turn exactly at its limit", () => {
    const s = fold(busy(), [{ type: "meeting.configured", turnLimitSec: 60 }]);
    expect(turnEndsAt(s)?.toISOString()).toBe("2026-01-01T10:01:00.000Z");
    expect(expireTurn(s, new Date(t0.getTime() + 59_999))).toEqual([]);
    expect(expireTurn(s, new Date(t0.getTime() + 60_000))).toEqual([
      { type: "token.released", userId: "ana", reason: "expired" },
      { type: "token.granted", userId: "bob", reason: "queue" },
    ]);
    expect(expireTurn(busy(), new Date(t0.getTime() + 10 ** 9))).toEqual([]);
  });

  it("removes someone who leaves from the floor, holder or queued", () => {
    const s = busy();
    expect(removeFromFloor(s, "ana", "left")).toEqual([
      { type: "token.released", userId: "ana", reason: "left" },
      { type: "token.granted", userId: "bob", reason: "queue" },
    ]);
    expect(removeFromFloor(s, "cy", "demoted")).toEqual([
      { type: "token.withdrawn", userId: "cy", reason: "demoted" },
    ]);
    expect(removeFromFloor(s, "zed", "left")).toEqual([]);
  });

  it("closing frees the token and empties the queue without granting", () => {
    const next = fold(busy(), closeTokenEvents(busy()));
    expect(next.holder).toBeNull();
    expect(next.queue).toEqual([]);
  });
});
