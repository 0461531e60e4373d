import { describe, expect, it } from "vitest";
import { meetingMinutes } from "@/core/records/minutes";
import { speakingTurns } from "@/core/stats/turns";
import { floorStats } from "@/core/stats/speaking";
import { meeting as statsFixture } from "../stats/fixture";
import { at, scriptedEvents } from "../../helpers/scripted-record";

describe("minutes of the scripted meeting", () => {
  const m = meetingMinutes(scriptedEvents);

  it("lists attendees with their final roles and the phases with their times", () => {
    expect(m.attendees.map((a) => [a.userId, a.role, a.leftAt])).toEqual([
      ["u_ana", "FACILITATOR", null],
      ["u_bob", "PARTICIPANT", null],
      ["u_cy", "PARTICIPANT", null],
      ["u_dee", "OBSERVER", null],
    ]);
    expect(m.phases.map((p) => [p.phase, p.from, p.to])).toEqual([
      ["IDEATION", at(0), at(270)],
      ["CLARIFICATION", at(270), at(310)],
      ["DECISION", at(310), at(370)],
      ["FEEDBACK", at(370), at(400)],
      ["CLOSED", at(400), null],
    ]);
  });

  it("lists every speaking turn with its duration and how it ended", () => {
    expect(m.turns.map((t) => [t.userId, t.durationMs / 1000, t.endReason])).toEqual([
      ["u_ana", 60, "released"],
      ["u_bob", 120, "expired"],
      ["u_cy", 60, "released"],
    ]);
  });

  it("keeps ideas with their latest text, and decisions with tally and outcome", () => {
    expect(m.ideas.map((i) => [i.ideaId, i.authorId, i.text, i.revisions, i.comments])).toEqual([
      ["idea_1", "u_bob", "Cut travel by 20%, conferences excluded", 1, 1],
      ["idea_2", "u_cy", "Share desks on Fridays", 0, 0],
    ]);
    expect(m.decisions).toHaveLength(1);
    expect(m.decisions[0]).toMatchObject({
      title: "Adopt the Q2 budget",
      secrecy: "open",
      majority: "simple",
      quorumPercent: 50,
      counts: { yes: 3, no: 0, abstain: 0 },
      ballotsCast: 4,
      entitled: 3,
      quorumMet: true,
      outcome: "adopted",
      winningOptionId: "yes",
      closedAt: at(360),
    });
  });

  it("summarises feedback and lists the record's own downloads", () => {
    expect(m.feedback).toMatchObject({ count: 3, mean: 4, comments: ["Clear and fair", "Too long"] });
    expect(m.exports).toEqual([{ at: at(460), actorId: "u_aud", format: "pdf" }]);
  });

  it("counts a changed open vote once", () => {
    const cy = m.stats.participants.find((p) => p.userId === "u_cy")!;
    expect(cy.votesCast).toBe(1);
  });
});

describe("speaking turns", () => {
  it("add up to each person's speaking time, running turn included", () => {
    for (const now of [undefined, new Date(statsFixture.at(-1)!.at.getTime() + 45_000)]) {
      const turns = speakingTurns(statsFixture, now);
      const floor = floorStats(statsFixture, now);
      for (const [userId, f] of floor) {
        const sum = turns.filter((t) => t.userId === userId).reduce((s, t) => s + t.durationMs, 0);
        expect(sum, userId).toBe(f.speakingMs);
        expect(turns.filter((t) => t.userId === userId)).toHaveLength(f.turns);
      }
      expect(turns.at(-1)).toMatchObject({ userId: "ana", end: null, endReason: null });
    }
  });
});
