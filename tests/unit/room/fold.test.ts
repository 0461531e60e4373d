import { describe, expect, it } from "vitest";
import { applyTokenEvent, emptyTokenState } from "@/core/tokens/engine";
import { foldRoom } from "@/core/room/fold";
import { toRoomEnvelope } from "@/core/room/envelope";
import type { RecordedEvent } from "@/core/events";
import { log, meeting, time } from "../stats/fixture";

/** The room after the events numbered up to `upToSeq` (all of them by default). */
const replayMeeting = (events: RecordedEvent[], upToSeq = Infinity) =>
  foldRoom("m_stats", events.filter((r) => r.seq <= upToSeq).map(toRoomEnvelope));
const ms = (sec: number) => time(sec).getTime();

describe("the room fold: meeting, members and token", () => {
  it("gives the state after the whole log", () => {
    const s = replayMeeting(meeting);
    expect(s).toMatchObject({
      meetingId: "m_stats",
      title: "Budget",
      description: "Q2 plan",
      phase: "IDEATION",
      phaseSince: ms(0),
      seq: meeting.length,
    });
    expect(s.recent[0].at).toBe(time(230).toISOString());
    expect(s.members).toEqual([
      { userId: "ana", role: "FACILITATOR", joinedAt: ms(0), active: true },
      { userId: "bob", role: "PARTICIPANT", joinedAt: ms(10), active: true },
      { userId: "cy", role: "PARTICIPANT", joinedAt: ms(20), active: true },
      { userId: "dee", role: "OBSERVER", joinedAt: ms(25), active: true },
      { userId: "eve", role: "PARTICIPANT", joinedAt: ms(220), active: false },
    ]);
    expect(s.token).toEqual({ holder: { userId: "ana", since: ms(200) }, queue: [], turnLimitSec: null });
  });

  it("gives the state as it was after event #N", () => {
    const s = replayMeeting(meeting, 8);
    expect(s.seq).toBe(8);
    expect(s.recent[0].at).toBe(time(50).toISOString());
    expect(s.members.map((m) => m.userId)).toEqual(["ana", "bob", "cy", "dee"]);
    expect(s.token).toEqual({
      holder: { userId: "ana", since: ms(30) },
      queue: [
        { userId: "bob", ticket: 7, since: ms(40) },
        { userId: "cy", ticket: 8, since: ms(50) },
      ],
      turnLimitSec: null,
    });
    expect(replayMeeting(meeting, 0)).toMatchObject({ seq: 0, title: "", members: [], recent: [] });
  });

  it("folds the token exactly as the token engine does", () => {
    for (let n = 0; n <= meeting.length; n++) {
      const engine = meeting
        .slice(0, n)
        .reduce((t, r) => applyTokenEvent(t, r.event, r.seq, r.at.getTime()), emptyTokenState());
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
    expect(s.phaseSince).toBe(ms(60));
    expect(s.token.turnLimitSec).toBe(90);
    expect(s.members).toEqual([
      { userId: "a", role: "FACILITATOR", joinedAt: ms(0), active: true },
      { userId: "c", role: "OBSERVER", joinedAt: ms(6), active: true },
      { userId: "b", role: "PARTICIPANT", joinedAt: ms(50), active: true },
    ]);
  });
});
