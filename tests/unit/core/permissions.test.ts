import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  GLOBAL_ACTIONS,
  assertAllowedGlobally,
  canGlobally,
  globalDenial,
  PERMISSIONS,
  READ_ACTIONS,
  assertAllowed,
  can,
  capabilities,
  denial,
} from "@/core/permissions";
import { ACTOR_KINDS, GLOBAL_ROLES, actorKindOf, type GlobalRole } from "@/core/roles";
import { PHASES } from "@/core/phases/phase";
import { code } from "../../helpers/domain-error";

describe("permission matrix", () => {
  it("lets participants and facilitators speak, never observers", () => {
    expect(can("PARTICIPANT", "token.request", "IDEATION")).toBe(true);
    expect(can("FACILITATOR", "token.request", "DECISION")).toBe(true);
    expect(denial("OBSERVER", "token.request", "IDEATION")).toBe("ROLE");
    expect(denial("NON_MEMBER", "token.request", "IDEATION")).toBe("ROLE");
  });

  it("keeps moderation for facilitators and admins", () => {
    for (const action of ["token.grant", "token.revoke", "token.dismiss", "meeting.setRole"] as const) {
      expect(can("FACILITATOR", action, "IDEATION")).toBe(true);
      expect(can("ADMIN", action, "IDEATION")).toBe(true);
      expect(can("PARTICIPANT", action, "IDEATION")).toBe(false);
      expect(can("OBSERVER", action, "IDEATION")).toBe(false);
    }
  });

  it("makes a closed meeting read-only for everyone", () => {
    for (const kind of ACTOR_KINDS) {
      for (const action of ACTIONS) {
        if (READ_ACTIONS.includes(action)) continue;
        expect(can(kind, action, "CLOSED"), `${kind} ${action}`).toBe(false);
      }
    }
    expect(denial("PARTICIPANT", "token.request", "CLOSED")).toBe("PHASE");
  });

  it("asks anonymous visitors to sign in and maps denials to error codes", () => {
    expect(denial("ANONYMOUS", "meeting.view", "IDEATION")).toBe("SIGN_IN");
    expect(code(() => assertAllowed("ANONYMOUS", "meeting.view", "IDEATION"))).toBe("UNAUTHORIZED");
    expect(code(() => assertAllowed("OBSERVER", "token.request", "IDEATION"))).toBe("FORBIDDEN");
    expect(code(() => assertAllowed("PARTICIPANT", "token.request", "CLOSED"))).toBe("PRECONDITION_FAILED");
    expect(code(() => assertAllowed("PARTICIPANT", "token.request", "IDEATION"))).toBe("OK");
  });

  it("answers every action for every kind in every phase", () => {
    for (const kind of ACTOR_KINDS)
      for (const phase of PHASES)
        expect(Object.keys(capabilities(kind, phase)).sort()).toEqual([...ACTIONS].sort());
    expect(Object.keys(PERMISSIONS).length).toBe(ACTIONS.length);
  });

  it("derives the actor kind: membership first, then global role", () => {
    const admin = { userId: "a", globalRole: "ADMIN" as const };
    expect(actorKindOf(null, null)).toBe("ANONYMOUS");
    expect(actorKindOf(admin, null)).toBe("ADMIN");
    expect(actorKindOf(admin, "PARTICIPANT")).toBe("PARTICIPANT");
    expect(actorKindOf({ userId: "b", globalRole: "AUDITOR" }, null)).toBe("AUDITOR");
    expect(actorKindOf({ userId: "c", globalRole: "USER" }, null)).toBe("NON_MEMBER");
  });
});

describe("global rows of the table", () => {
  // Written out: which global roles may do what outside any meeting.
  const EXPECTED_GLOBAL: Record<string, string[]> = {
    "meeting.create": ["ADMIN", "USER"],
    "meeting.listMine": ["ADMIN", "AUDITOR", "USER"],
    "account.manage": ["ADMIN", "AUDITOR", "USER"],
    "record.list": ["ADMIN", "AUDITOR"],
    "admin.users.list": ["ADMIN"],
    "admin.users.create": ["ADMIN"],
    "admin.users.setRole": ["ADMIN"],
    "admin.users.setDisabled": ["ADMIN"],
    "admin.users.resetTwoFactor": ["ADMIN"],
    "admin.users.resetPassword": ["ADMIN"],
    "admin.settings.read": ["ADMIN", "AUDITOR"],
    "admin.settings.update": ["ADMIN"],
    "admin.audit.read": ["ADMIN", "AUDITOR"],
  };

  it("open the console to admins only; auditors read settings, the audit log and the records", () => {
    const allowed = Object.fromEntries(
      GLOBAL_ACTIONS.map((action) => [
        action,
        GLOBAL_ROLES.filter((globalRole) => canGlobally({ globalRole }, action)),
      ]),
    );
    expect(allowed).toEqual(EXPECTED_GLOBAL);
    for (const action of GLOBAL_ACTIONS) expect(globalDenial(null, action)).toBe("SIGN_IN");
  });

  it("refuses with the right error, whatever the meeting role", () => {
    const as = (globalRole: GlobalRole) => ({ globalRole });
    expect(code(() => assertAllowedGlobally(null, "admin.users.list"))).toBe("UNAUTHORIZED");
    expect(code(() => assertAllowedGlobally(as("USER"), "admin.users.setRole"))).toBe("FORBIDDEN");
    expect(code(() => assertAllowedGlobally(as("AUDITOR"), "admin.users.setDisabled"))).toBe("FORBIDDEN");
    expect(code(() => assertAllowedGlobally(as("ADMIN"), "admin.users.resetTwoFactor"))).toBe("OK");
  });
});
