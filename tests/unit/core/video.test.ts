import { describe, expect, it } from "vitest";
import {
  applyVideoEvent,
  checkVideoMessage,
  emptyVideoState,
  featuredId,
  micMayOpen,
  micsToClose,
  mayShareScreen,
  meshLinks,
  muteInVideo,
  joinVideo,
  leaveVideo,
  sendsVideo,
  setMicPolicy,
  type VideoEvent,
  type VideoState,
} from "@/core/video/video";
import { can } from "@/core/permissions";
import type { ActorKind } from "@/core/roles";
import { emptyTokenState, type TokenState } from "@/core/tokens/engine";

const token = (holder: string | null): TokenState => ({
  ...emptyTokenState(),
  holder: holder ? { userId: holder, since: 0 } : null,
});
const seated = (ids: string[], micPolicy: VideoState["micPolicy"] = "FLOOR"): VideoState => ({
  micPolicy,
  seats: ids.map((userId, i) => ({ userId, since: i, camera: true, microphone: true, mutedAt: null })),
});

describe("the floor decides whose microphone may open", () => {
  // [policy, holder, person, may open], written out.
  const rows: [VideoState["micPolicy"], string | null, string, boolean][] = [
    ["FLOOR", "ana", "ana", true],
    ["FLOOR", "ana", "bob", false],
    ["FLOOR", null, "ana", false],
    ["FLOOR", "zed", "bob", false], // the holder is not in the call: nobody speaks
    ["OPEN", "ana", "bob", true],
    ["OPEN", null, "bob", true],
    ["OPEN", "ana", "out", false], // not in the call
  ];
  it.each(rows)("policy %s, holder %s: %s may open: %s", (policy, holder, who, expected) => {
    expect(micMayOpen(seated(["ana", "bob"], policy), token(holder), who)).toBe(expected);
  });

  it("closes the previous holder's microphone when the floor passes, under FLOOR only", () => {
    const v = seated(["ana", "bob", "cy"]);
    expect(micsToClose({ video: v, token: token("ana") }, { video: v, token: token("bob") })).toEqual([
      "ana",
    ]);
    expect(micsToClose({ video: v, token: token("ana") }, { video: v, token: token(null) })).toEqual(["ana"]);
    const open = seated(["ana", "bob", "cy"], "OPEN");
    expect(micsToClose({ video: open, token: token("ana") }, { video: open, token: token("bob") })).toEqual(
      [],
    );
    // Back from open microphones to the floor: everyone but the holder is closed.
    expect(micsToClose({ video: open, token: token("ana") }, { video: v, token: token("ana") })).toEqual([
      "bob",
      "cy",
    ]);
  });
});

describe("the featured tile and the screen", () => {
  it("features the holder while in the call, nobody otherwise", () => {
    expect(featuredId(seated(["ana", "bob"]), token("bob"))).toBe("bob");
    expect(featuredId(seated(["ana", "bob"]), token("zed"))).toBeNull();
    expect(featuredId(seated(["ana", "bob"]), token(null))).toBeNull();
  });
  it("lets the holder alone share the screen", () => {
    expect(mayShareScreen(seated(["ana", "bob"]), token("ana"), "ana")).toBe(true);
    expect(mayShareScreen(seated(["ana", "bob"]), token("ana"), "bob")).toBe(false);
    expect(mayShareScreen(seated(["bob"]), token("ana"), "ana")).toBe(false);
  });
  it("sends pictures within six video seats, and the featured one's to everyone", () => {
    const v = seated(["a", "b", "c", "d", "e", "f", "g"]);
    expect(sendsVideo(v, token(null), "a", "f")).toBe(true);
    expect(sendsVideo(v, token(null), "a", "g")).toBe(false);
    expect(sendsVideo(v, token(null), "g", "a")).toBe(false);
    expect(sendsVideo(v, token("a"), "a", "g")).toBe(true);
    expect(sendsVideo(v, token("g"), "g", "b")).toBe(true);
  });
});

describe("the mesh past its video seats", () => {
  // Seven people in joining order; the mesh holds six cameras (the issue: "say 6").
  const seven = seated(["a", "b", "c", "d", "e", "f", "g"]);
  const everyone = new Set(["a", "b", "c", "d", "e", "f", "g"]);
  const picturesTo = (me: string, holder: string | null) =>
    meshLinks(seven, token(holder), me, everyone)
      .filter((l) => l.sendVideo)
      .map((l) => l.userId);
  it("keeps a connection (sound) with every other person online, the seventh included", () => {
    expect(meshLinks(seven, token(null), "g", everyone).map((l) => l.userId)).toEqual([
      "a",
      "b",
      "c",
      "d",
      "e",
      "f",
    ]);
    expect(meshLinks(seven, token(null), "a", new Set(["a", "c"])).map((l) => l.userId)).toEqual(["c"]);
    expect(meshLinks(seven, token(null), "out", everyone)).toEqual([]);
  });
  it("sends the seventh person's picture to nobody unless featured, and theirs alone to them", () => {
    expect(picturesTo("g", null)).toEqual([]);
    expect(picturesTo("g", "g")).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(picturesTo("a", null)).toEqual(["b", "c", "d", "e", "f"]);
    expect(picturesTo("a", "a")).toEqual(["b", "c", "d", "e", "f", "g"]);
    // What the seventh receives: the featured speaker's picture, nobody else's.
    const to = (holder: string | null) =>
      ["a", "b", "c", "d", "e", "f"].filter((from) => picturesTo(from, holder).includes("g"));
    expect(to("c")).toEqual(["c"]);
    expect(to(null)).toEqual([]);
  });
});

describe("the permission table's rows for video, by role and phase", () => {
  const kinds: ActorKind[] = ["FACILITATOR", "PARTICIPANT", "OBSERVER", "NON_MEMBER", "ADMIN", "AUDITOR"];
  // In an open phase (IDEATION) and in CLOSED, written out per kind, in the order above.
  const rows: [string, boolean[], boolean[]][] = [
    ["video.join", [true, true, true, false, false, false], [false, false, false, false, false, false]],
    ["video.unmute", [true, true, true, false, false, false], [false, false, false, false, false, false]],
    [
      "video.shareScreen",
      [true, true, false, false, false, false],
      [false, false, false, false, false, false],
    ],
    ["video.mute", [true, false, false, false, true, false], [false, false, false, false, false, false]],
    ["video.micPolicy", [true, false, false, false, true, false], [false, false, false, false, false, false]],
    ["video.signal", [true, true, true, false, false, false], [false, false, false, false, false, false]],
  ];
  it.each(rows)("%s", (action, open, closed) => {
    expect(kinds.map((k) => can(k, action as never, "IDEATION"))).toEqual(open);
    expect(kinds.map((k) => can(k, action as never, "CLOSED"))).toEqual(closed);
  });
});

describe("the logged facts", () => {
  it("folds joins, mutes, leaving the call and leaving the meeting", () => {
    let v = emptyVideoState();
    v = applyVideoEvent(v, joinVideo(v, "ana", { camera: true, microphone: false })[0]!, 1, 100);
    expect(joinVideo(v, "ana", { camera: true, microphone: true })).toEqual([]); // once
    const bobJoins: VideoEvent = { type: "video.joined", userId: "bob", camera: false, microphone: true };
    v = applyVideoEvent(v, bobJoins, 2, 200);
    v = applyVideoEvent(v, muteInVideo(v, "bob")[0]!, 3, 300);
    expect(v.seats).toEqual([
      { userId: "ana", since: 100, camera: true, microphone: false, mutedAt: null },
      { userId: "bob", since: 200, camera: false, microphone: true, mutedAt: 3 },
    ]);
    v = applyVideoEvent(v, { type: "member.left", userId: "bob" }, 4, 400);
    expect(v.seats.map((s) => s.userId)).toEqual(["ana"]);
    expect(() => muteInVideo(v, "bob")).toThrow(/^PEER_NOT_IN_CALL$/);
    expect(leaveVideo(v, "ana")).toEqual([{ type: "video.left", userId: "ana" }]);
    expect(leaveVideo(v, "bob")).toEqual([]);
    v = applyVideoEvent(v, setMicPolicy(v, "OPEN")[0]!, 5, 500);
    expect(v.micPolicy).toBe("OPEN");
    expect(() => setMicPolicy(v, "OPEN")).toThrow(/^MIC_POLICY_UNCHANGED$/);
  });
});

describe("the ephemeral messages of the call", () => {
  const room = { video: seated(["ana", "bob"]), token: token("ana"), phase: "IDEATION" as const };
  const media = (microphone: boolean, screen = false) => ({
    channel: "media" as const,
    to: null,
    body: { microphone, camera: true, screen },
  });
  it("passes a signal between two people in the call, to one of them", () => {
    expect(() =>
      checkVideoMessage(room, "PARTICIPANT", "ana", { channel: "signal", to: "bob" }),
    ).not.toThrow();
    expect(() => checkVideoMessage(room, "PARTICIPANT", "ana", { channel: "signal", to: "cy" })).toThrow();
    expect(() => checkVideoMessage(room, "PARTICIPANT", "cy", { channel: "signal", to: "bob" })).toThrow();
    expect(() => checkVideoMessage(room, "PARTICIPANT", "ana", { channel: "signal", to: null })).toThrow();
    expect(() => checkVideoMessage(room, "NON_MEMBER", "ana", { channel: "signal", to: "bob" })).toThrow();
  });
  it("refuses an open microphone or a shared screen the floor does not allow", () => {
    expect(() => checkVideoMessage(room, "PARTICIPANT", "ana", media(true, true))).not.toThrow();
    expect(() => checkVideoMessage(room, "PARTICIPANT", "bob", media(false))).not.toThrow();
    expect(() => checkVideoMessage(room, "PARTICIPANT", "bob", media(true))).toThrow(/^MIC_FLOOR_ONLY$/);
    expect(() => checkVideoMessage(room, "PARTICIPANT", "bob", media(false, true))).toThrow(
      /^SCREEN_HOLDER_ONLY$/,
    );
  });
});
