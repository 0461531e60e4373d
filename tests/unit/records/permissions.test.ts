import { describe, expect, it } from "vitest";
import { can, canGlobally, denial } from "@/core/permissions";
import { ACTOR_KINDS } from "@/core/roles";
import { OPEN_PHASES, PHASES } from "@/core/phases/phase";

describe("who may read a meeting's record", () => {
  it("lets auditors and admins download and list in every phase, without membership", () => {
    for (const phase of PHASES) {
      for (const kind of ["AUDITOR", "ADMIN"] as const) {
        expect(can(kind, "record.export", phase)).toBe(true);
      }
    }
    expect(canGlobally({ globalRole: "AUDITOR" }, "record.list")).toBe(true);
    expect(canGlobally({ globalRole: "ADMIN" }, "record.list")).toBe(true);
  });

  it("lets members download only once the meeting is closed", () => {
    for (const kind of ["FACILITATOR", "PARTICIPANT", "OBSERVER"] as const) {
      expect(can(kind, "record.export", "CLOSED")).toBe(true);
      for (const phase of OPEN_PHASES) expect(denial(kind, "record.export", phase)).toBe("PHASE");
    }
    // Outside any meeting, members are ordinary accounts: the list of all records is not theirs.
    expect(canGlobally({ globalRole: "USER" }, "record.list")).toBe(false);
  });

  it("refuses non-members and anonymous visitors everything about the record", () => {
    for (const action of ["record.export", "record.verify", "meeting.stats", "meeting.replay"] as const) {
      for (const phase of PHASES) {
        expect(denial("NON_MEMBER", action, phase)).toBe("ROLE");
        expect(denial("ANONYMOUS", action, phase)).toBe("SIGN_IN");
      }
    }
  });

  it("shows statistics, verification and replay to members and staff in every phase", () => {
    const readers = ACTOR_KINDS.filter((k) => k !== "NON_MEMBER" && k !== "ANONYMOUS");
    for (const action of ["record.verify", "meeting.stats", "meeting.replay"] as const)
      for (const kind of readers) for (const phase of PHASES) expect(can(kind, action, phase)).toBe(true);
  });
});
