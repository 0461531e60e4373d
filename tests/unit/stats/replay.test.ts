import { describe, expect, it } from "vitest";
import { applyTokenEvent, emptyTokenState } from "@/core/tokens/engine";
import { replayMeeting } from "@/core/stats/replay";
import { log, meeting, time } from "./fixture";

describe("replayMeeting", () => {
  it("gives the state after the whole log", () => {
    const s = replayMeeting(meeting);
    expect(s).toMatchObject({
      meetingId: "m_stats",
      title: "Budget",
      description: "Q2 plan",
      phase: "IDEATION",
      phaseSince: time(0),
      lastSeq: meeting.length,
      at: time(230),
    });
    expect(s.members).toEqual([
      { userId: "ana", role: "FACILITATOR", joinedAt: time(0), active: true },
      { userId: "bob", role: "PARTICIPANT", joinedAt: time(10), active: true },
      { userId: "cy", role: "PARTICIPANT", joinedAt: time(20), active: true },
      { userId: "dee", role: "OBSERVER", joinedAt: time(25), active: true },
      { userId: "eve", role: "PARTICIPANT", joinedAt: time(220), active: false },
    ]);
    expect(s.token).toEqual({ holder: { userId: "ana", since: time(200) }, queue: [], turnLimitSec: null });
  });

  it("gives the state as it was after event #N", () => {
    const s = replayMeeting(meeting, 8);
    expect(s.lastSeq).toBe(8);
    expect(s.at).toEqual(time(50));
    expect(s.members.map((m) => m.userId)).toEqual(["ana", "bob", "cy", "dee"]);
    expect(s.token).toEqual({
      holder: { userId: "ana", since: time(30) },
      queue: [
        { userId: "bob", ticket: 7, since: time(40) },
        { userId: "cy", ticket: 8, since: time(50) },
      ],
      turnLimitSec: null,
    });
    expect(replayMeeting(meeting, 0)).toMatchObject({ lastSeq: 0, title: "", members: [], at: null });
  });

  it("folds the token exactly as the token engine does", () => {
    for (let n = 0; n <= meeting.length; n++) {
      const engine = meeting
        .slice(0, n)
        .reduce((t, r) => applyTokenEvent(t, r.event, r.seq, r.at), emptyTokenState());
      expect(replayMeeting(meeting, n).token).toEqual(engine);
    }
  });

  it("follows phases, turn limits, role changes and re-joins", () => {
    const s = replayMeeting(
      log([
        [0, "a", { type: "meeting.created", title: "T", description: "" }],
        [0, "a", { type: "member.joined", userId: "a", role: "FACILITATOR" }],
        [5, "b", { type: "member.joined", userId: "b", role: "PARTICIPANT" }],
        [6, "c", { type: "member.joined", userId: "c", role: "PARTICIPANT" }],
        [10, "a", { type: "meeting.configured", turnLimitSec: 90 }],
        [20, "a", { type: "phase.changed", from: "IDEATION", to: "CLARIFICATION", reason: null }],
        [30, "a", { type: "member.roleChanged", userId: "c", role: "OBSERVER" }],
        [40, "b", { type: "member.left", userId: "b" }],
        [50, "b", { type: "member.joined", userId: "b", role: "PARTICIPANT" }],
        [60, "a", { type: "phase.changed", from: "CLARIFICATION", to: "DECISION", reason: "time" }],
      ]),
    );
    expect(s.phase).toBe("DECISION");
    expect(s.phaseSince).toEqual(time(60));
    expect(s.token.turnLimitSec).toBe(90);
    expect(s.members).toEqual([
      { userId: "a", role: "FACILITATOR", joinedAt: time(0), active: true },
      { userId: "c", role: "OBSERVER", joinedAt: time(6), active: true },
      { userId: "b", role: "PARTICIPANT", joinedAt: time(50), active: true },
    ]);
  });
});
