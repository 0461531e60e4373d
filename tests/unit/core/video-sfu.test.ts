import { describe, expect, it } from "vitest";
import { bitrateOf, chooseTopology, layerFor, sfuChanges, type Layer } from "@/core/video/sfu";
import { audioOnlySeat, checkSfuRequest, MESH_VIDEO_SEATS, type VideoState } from "@/core/video/video";
import type { ActorKind } from "@/core/roles";
import type { Phase } from "@/core/phases/phase";
import { emptyTokenState, type TokenState } from "@/core/tokens/engine";

const token = (holder: string | null): TokenState => ({
  ...emptyTokenState(),
  holder: holder ? { userId: holder, since: 0 } : null,
});
const seated = (ids: string[]): VideoState => ({
  micPolicy: "FLOOR",
  seats: ids.map((userId, i) => ({ userId, since: i, camera: true, microphone: true, mutedAt: null })),
});

describe("the topology a call uses", () => {
  it("is the SFU whenever one is configured, the mesh otherwise", () => {
    expect(chooseTopology({ sfuConfigured: true })).toBe("sfu");
    expect(chooseTopology({ sfuConfigured: false })).toBe("mesh");
  });
});

describe("the mesh's seats", () => {
  it("leave the seventh person without video in the mesh, never through the SFU", () => {
    const ids = Array.from({ length: MESH_VIDEO_SEATS + 1 }, (_, i) => `p${i}`);
    const last = ids.at(-1)!;
    expect(audioOnlySeat(seated(ids), last, "mesh")).toBe(true);
    expect(audioOnlySeat(seated(ids), last, "sfu")).toBe(false);
    expect(audioOnlySeat(seated(ids), "p0", "mesh")).toBe(false);
  });
});

describe("the quality each camera is forwarded in", () => {
  const call = seated(["ana", "bob", "cy"]);
  // [holder, camera of, quality], written out: the holder's camera is the big tile.
  const rows: [string | null, string, Layer | null][] = [
    ["ana", "ana", "high"],
    ["ana", "bob", "low"],
    ["ana", "cy", "low"],
    [null, "ana", "low"], // nobody featured: all thumbnails
    ["zed", "ana", "low"], // the holder is not in the call
    ["ana", "out", null], // not in the call: nothing to forward
  ];
  it.each(rows)("holder %s: %s's camera goes %s", (holder, owner, layer) => {
    expect(layerFor(call, token(holder), owner)).toBe(layer);
  });

  it("follows the token when the floor passes", () => {
    expect(layerFor(call, token("ana"), "bob")).toBe("low");
    expect(layerFor(call, token("bob"), "bob")).toBe("high");
    expect(layerFor(call, token("bob"), "ana")).toBe("low");
  });

  it("gives the featured camera several times a thumbnail's bitrate", () => {
    expect(bitrateOf("high")).toBe(1_200_000);
    expect(bitrateOf("low")).toBe(150_000);
  });
});

describe("what the SFU is asked, by whom", () => {
  const room = (phase: Phase = "IDEATION") => ({ video: seated(["ana", "bob"]), phase });
  const refusal = (
    kind: ActorKind,
    from: string,
    request: Parameters<typeof checkSfuRequest>[3],
    phase?: Phase,
  ) => {
    try {
      checkSfuRequest(room(phase), kind, from, request);
      return null;
    } catch (e) {
      return (e as { refusal: string }).refusal;
    }
  };
  it("lets members in the call publish and receive one another", () => {
    expect(refusal("PARTICIPANT", "ana", { kind: "publish" })).toBeNull();
    expect(refusal("OBSERVER", "ana", { kind: "subscribe", feedOf: "bob" })).toBeNull();
  });
  it("refuses outside the call, oneself, people out of the call, outsiders and closed meetings", () => {
    expect(refusal("PARTICIPANT", "cy", { kind: "publish" })).toBe("NOT_IN_CALL");
    expect(refusal("PARTICIPANT", "cy", { kind: "subscribe", feedOf: "ana" })).toBe("NOT_IN_CALL");
    expect(refusal("PARTICIPANT", "ana", { kind: "subscribe", feedOf: "ana" })).toBe("PEER_NOT_IN_CALL");
    expect(refusal("PARTICIPANT", "ana", { kind: "subscribe", feedOf: "cy" })).toBe("PEER_NOT_IN_CALL");
    expect(refusal("NON_MEMBER", "ana", { kind: "publish" })).not.toBeNull();
    expect(refusal("PARTICIPANT", "ana", { kind: "publish" }, "CLOSED")).not.toBeNull();
  });
});

describe("what the SFU undoes after the room folds events", () => {
  it("ends the feeds of whoever left the call, and the room when the meeting closes", () => {
    const before = { video: seated(["ana", "bob", "cy"]), phase: "DECISION" as const };
    expect(sfuChanges(before, before)).toEqual({ closed: false, left: [] });
    expect(sfuChanges(before, { ...before, video: seated(["ana", "cy"]) })).toEqual({
      closed: false,
      left: ["bob"],
    });
    expect(sfuChanges(before, { video: seated(["ana", "bob", "cy", "dee"]), phase: "DECISION" })).toEqual({
      closed: false,
      left: [],
    });
    expect(sfuChanges(before, { ...before, phase: "CLOSED" }).closed).toBe(true);
    const closed = { ...before, phase: "CLOSED" as const };
    expect(sfuChanges(closed, closed).closed).toBe(false); // closed once, destroyed once
  });
});
