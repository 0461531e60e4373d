import { describe, expect, it } from "vitest";
import { floorStats } from "@/core/stats/speaking";
import { meetingStats } from "@/core/stats/meeting";
import { log, meeting, time } from "./fixture";

const pick = (stats: ReturnType<typeof meetingStats>, userId: string) =>
  stats.participants.find((p) => p.userId === userId)!;

describe("floorStats", () => {
  it("sums closed turns and counts a running turn up to now", () => {
    const f = floorStats(meeting, time(260));
    expect(f.get("ana")).toMatchObject({ speakingMs: 120_000, turns: 2 });
    expect(f.get("bob")).toMatchObject({ speakingMs: 60_000, turns: 1 });
    expect(f.get("cy")).toMatchObject({ speakingMs: 40_000, turns: 1 });
  });

  it("counts the running turn up to the last event when no now is given", () => {
    expect(floorStats(meeting).get("ana")?.speakingMs).toBe(90_000);
  });

  it("counts every request as a wait: granted, withdrawn, or immediate (0)", () => {
    const f = floorStats(meeting, time(260));
    expect(f.get("ana")).toMatchObject({
      waits: 2,
      totalWaitMs: 30_000,
      meanWaitMs: 15_000,
      longestWaitMs: 30_000,
    });
    expect(f.get("bob")).toMatchObject({
      waits: 1,
      totalWaitMs: 50_000,
      meanWaitMs: 50_000,
      longestWaitMs: 50_000,
    });
    expect(f.get("cy")).toMatchObject({
      waits: 2,
      totalWaitMs: 70_000,
      meanWaitMs: 35_000,
      longestWaitMs: 70_000,
    });
  });

  it("counts waits still in the queue up to now", () => {
    const f = floorStats(meeting.slice(0, 8), time(60));
    expect(f.get("ana")).toMatchObject({ speakingMs: 30_000, turns: 1, waits: 1, longestWaitMs: 0 });
    expect(f.get("bob")).toMatchObject({ speakingMs: 0, turns: 0, waits: 1, meanWaitMs: 20_000 });
    expect(f.get("cy")).toMatchObject({ speakingMs: 0, turns: 0, waits: 1, meanWaitMs: 10_000 });
  });

  it("ends a turn that is replaced, revoked or closed, and counts dismissed waits", () => {
    const f = floorStats(
      log([
        [0, "a", { type: "token.granted", userId: "a", reason: "free" }],
        [5, "b", { type: "token.requested", userId: "b" }],
        [6, "c", { type: "token.requested", userId: "c" }],
        [10, "f", { type: "token.released", userId: "a", reason: "replaced" }],
        [10, "f", { type: "token.granted", userId: "c", reason: "facilitator" }],
        [12, "f", { type: "token.withdrawn", userId: "b", reason: "dismissed" }],
        [20, "f", { type: "token.released", userId: "c", reason: "closed" }],
      ]),
    );
    expect(f.get("a")).toMatchObject({ speakingMs: 10_000, turns: 1, waits: 1, meanWaitMs: 0 });
    expect(f.get("b")).toMatchObject({ speakingMs: 0, turns: 0, waits: 1, longestWaitMs: 7_000 });
    expect(f.get("c")).toMatchObject({ speakingMs: 10_000, turns: 1, waits: 1, longestWaitMs: 4_000 });
  });

  it("has no wait figures for someone who never asked", () => {
    const f = floorStats(log([[0, "a", { type: "member.joined", userId: "a", role: "PARTICIPANT" }]]));
    expect(f.size).toBe(0);
  });
});

describe("meetingStats", () => {
  const stats = meetingStats(meeting, time(260));

  it("credits ideas to their author and votes to whoever cast them, once per proposal", () => {
    const of = (id: string) => stats.participants.find((p) => p.userId === id);
    expect(of("bob")).toMatchObject({ ideasPosted: 1, votesCast: 2 });
    expect(of("cy")).toMatchObject({ ideasPosted: 1, votesCast: 1 });
    expect(of("ana")).toMatchObject({ ideasPosted: 0, votesCast: 0 });
  });

  it("lists members in joining order with their figures", () => {
    expect(stats.participants.map((p) => p.userId)).toEqual(["ana", "bob", "cy", "dee", "eve"]);
    expect(pick(stats, "bob")).toEqual({
      userId: "bob",
      role: "PARTICIPANT",
      active: true,
      speakingMs: 60_000,
      turns: 1,
      waits: 1,
      totalWaitMs: 50_000,
      meanWaitMs: 50_000,
      longestWaitMs: 50_000,
      ideasPosted: 1,
      votesCast: 2,
      shapesDrawn: 0,
      share: 60 / 220,
      present: true,
      turnsByOrder: 1,
      turnsByOverride: 0,
    });
    expect(pick(stats, "dee")).toMatchObject({
      speakingMs: 0,
      waits: 0,
      meanWaitMs: null,
      longestWaitMs: null,
    });
  });

  it("shares the speaking time", () => {
    expect(stats.totalSpeakingMs).toBe(220_000);
    expect(stats.participants.map((p) => p.share)).toEqual([120 / 220, 60 / 220, 40 / 220, 0, 0]);
    expect(stats.asOf).toEqual(time(260));
  });

  it("computes equity over present people only: not the observer, not who left without speaking", () => {
    expect(stats.participants.filter((p) => p.present).map((p) => p.userId)).toEqual(["ana", "bob", "cy"]);
    // Gini of [120, 60, 40]: Σ|xi−xj| over ordered pairs = 320; 320 / (2·3·220) = 8/33
    expect(stats.equity).toBe(8 / 33);
  });

  it("gives 0 for an equal split", () => {
    const equal = meetingStats(
      log([
        [0, "a", { type: "member.joined", userId: "a", role: "FACILITATOR" }],
        [0, "b", { type: "member.joined", userId: "b", role: "PARTICIPANT" }],
        [0, "c", { type: "member.joined", userId: "c", role: "PARTICIPANT" }],
        [0, "a", { type: "token.granted", userId: "a", reason: "free" }],
        [60, "a", { type: "token.released", userId: "a", reason: "released" }],
        [60, "b", { type: "token.granted", userId: "b", reason: "free" }],
        [120, "b", { type: "token.released", userId: "b", reason: "released" }],
        [130, "c", { type: "token.granted", userId: "c", reason: "free" }],
        [190, "c", { type: "token.released", userId: "c", reason: "released" }],
      ]),
    );
    expect(equal.participants.map((p) => p.share)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(equal.equity).toBe(0);
  });

  it("gives 0.75 when one of four present members does all the talking", () => {
    const oneVoice = meetingStats(
      log([
        [0, "a", { type: "member.joined", userId: "a", role: "FACILITATOR" }],
        [0, "b", { type: "member.joined", userId: "b", role: "PARTICIPANT" }],
        [0, "c", { type: "member.joined", userId: "c", role: "PARTICIPANT" }],
        [0, "d", { type: "member.joined", userId: "d", role: "PARTICIPANT" }],
        [0, "a", { type: "token.granted", userId: "a", reason: "free" }],
        [300, "a", { type: "token.released", userId: "a", reason: "released" }],
      ]),
    );
    expect(oneVoice.equity).toBe(0.75);
    expect(pick(oneVoice, "a").share).toBe(1);
  });

  it("keeps someone who spoke and then left in the equity index", () => {
    const s = meetingStats(
      log([
        [0, "a", { type: "member.joined", userId: "a", role: "FACILITATOR" }],
        [0, "b", { type: "member.joined", userId: "b", role: "PARTICIPANT" }],
        [0, "b", { type: "token.granted", userId: "b", reason: "free" }],
        [40, "b", { type: "token.released", userId: "b", reason: "left" }],
        [40, "b", { type: "member.left", userId: "b" }],
      ]),
    );
    expect(pick(s, "b")).toMatchObject({ active: false, present: true, speakingMs: 40_000 });
    expect(s.equity).toBe(0.5);
  });

  it("tells the floor given by queue order from the floor given by an override, and the mean wait", () => {
    const s = meetingStats(
      log([
        [0, "a", { type: "member.joined", userId: "a", role: "FACILITATOR" }],
        [0, "b", { type: "member.joined", userId: "b", role: "PARTICIPANT" }],
        [0, "c", { type: "member.joined", userId: "c", role: "PARTICIPANT" }],
        [0, "a", { type: "token.granted", userId: "a", reason: "free" }], // a wait of 0
        [10, "b", { type: "token.requested", userId: "b" }],
        [20, "c", { type: "token.requested", userId: "c" }],
        // c is given the floor past b: an override; c waited 10 s
        [
          30,
          "a",
          { type: "floor.grantedOutOfOrder", userId: "c", position: 2, skipped: ["b"], reason: null },
        ],
        [30, "a", { type: "token.released", userId: "a", reason: "replaced" }],
        [30, "a", { type: "token.granted", userId: "c", reason: "facilitator" }],
        [50, "c", { type: "token.released", userId: "c", reason: "released" }],
        [50, null, { type: "token.granted", userId: "b", reason: "queue" }], // b waited 40 s
        [80, "b", { type: "token.released", userId: "b", reason: "released" }],
      ]),
    );
    expect(s.participants.map((p) => [p.userId, p.turnsByOrder, p.turnsByOverride])).toEqual([
      ["a", 1, 0],
      ["b", 1, 0],
      ["c", 0, 1],
    ]);
    expect(s.overrideShare).toBeCloseTo(1 / 3);
    expect(s.meanWaitPerPersonMs).toBeCloseTo((0 + 40_000 + 10_000) / 3);
  });

  it("is all zeros for an empty log", () => {
    expect(meetingStats([])).toEqual({
      participants: [],
      totalSpeakingMs: 0,
      equity: 0,
      overrideShare: 0,
      meanWaitPerPersonMs: null,
      asOf: null,
    });
  });
});
