import { describe, expect, it } from "vitest";
import { liveStats } from "@/lib/records/live-stats";
import { equityLevel } from "@/core/stats/equity";
import { meetingStats } from "@/core/stats/meeting";
import { meeting, time } from "../stats/fixture";
import type { RouterOutputs } from "@/lib/trpc/types";

/** The API's view of the fixture at `asOf` (ana speaks from 200 s on). */
function view(asOf: Date): RouterOutputs["records"]["stats"] {
  const s = meetingStats(meeting, asOf);
  return {
    participants: s.participants.map((p) => ({ ...p, name: p.userId })),
    totalSpeakingMs: s.totalSpeakingMs,
    equity: s.equity,
    asOf: asOf.toISOString(),
    lastSeq: meeting.length,
    speakingId: "ana",
  };
}

describe("live statistics between two events", () => {
  it("extend the running turn to now exactly as the server's fold would", () => {
    const live = liveStats(view(time(240)), time(300).getTime());
    const fold = meetingStats(meeting, time(300));
    expect(live.totalSpeakingMs).toBe(fold.totalSpeakingMs);
    expect(live.equity).toBeCloseTo(fold.equity, 12);
    for (const p of fold.participants) {
      const l = live.participants.find((x) => x.userId === p.userId)!;
      expect([l.speakingMs, l.share]).toEqual([p.speakingMs, p.share]);
    }
  });

  it("change nothing when nobody is speaking", () => {
    const v = { ...view(time(240)), speakingId: null };
    expect(liveStats(v, time(300).getTime())).toBe(v);
  });
});

describe("equity in words", () => {
  it("bands the Gini coefficient", () => {
    expect([0, 0.09, 0.1, 0.24, 0.25, 0.44, 0.45, 0.75].map(equityLevel)).toEqual([
      "even",
      "even",
      "fair",
      "fair",
      "uneven",
      "uneven",
      "dominated",
      "dominated",
    ]);
  });
});
