import { describe, expect, it } from "vitest";
import { sessionGate, type GateInput } from "@/core/accounts/session-gate";
import {
  parseTwoFactorPolicy,
  twoFactorRequired,
  TWO_FACTOR_POLICIES,
} from "@/core/accounts/two-factor-policy";
import { GLOBAL_ROLES } from "@/core/roles";

const base: GateInput = {
  account: {
    disabled: false,
    sessionVersion: 3,
    globalRole: "USER",
    mustChangePassword: false,
    twoFactorEnabled: false,
  },
  claims: { sv: 3, mfa: false },
  policy: "PRIVILEGED",
};
const gate = (over: {
  account?: Partial<GateInput["account"]>;
  claims?: Partial<GateInput["claims"]>;
  policy?: GateInput["policy"];
}) =>
  sessionGate({
    account: { ...base.account, ...over.account },
    claims: { ...base.claims, ...over.claims },
    policy: over.policy ?? base.policy,
  });

describe("2FA policy", () => {
  it("requires 2FA of admins and auditors by default, of everyone, or of nobody", () => {
    const table = Object.fromEntries(
      TWO_FACTOR_POLICIES.map((p) => [p, GLOBAL_ROLES.filter((r) => twoFactorRequired(p, r))]),
    );
    expect(table).toEqual({
      PRIVILEGED: ["ADMIN", "AUDITOR"],
      EVERYONE: ["ADMIN", "AUDITOR", "USER"],
      OFF: [],
    });
  });

  it("falls back to the safe default for anything unreadable", () => {
    expect(parseTwoFactorPolicy("EVERYONE")).toBe("EVERYONE");
    for (const junk of ["everyone", "", null, 3, { policy: "OFF" }])
      expect(parseTwoFactorPolicy(junk)).toBe("PRIVILEGED");
  });
});

describe("session gate", () => {
  it("lets a plain, current session through", () => {
    expect(gate({})).toEqual({ ok: true, restriction: null });
  });

  it("refuses a disabled account and a token from before a sessionVersion bump", () => {
    expect(gate({ account: { disabled: true } })).toEqual({ ok: false });
    expect(gate({ claims: { sv: 2 } })).toEqual({ ok: false });
    expect(gate({ claims: { sv: 4 } })).toEqual({ ok: false });
  });

  it("refuses a token that skipped the account's second factor", () => {
    expect(gate({ account: { twoFactorEnabled: true } })).toEqual({ ok: false });
    expect(gate({ account: { twoFactorEnabled: true }, claims: { mfa: true } })).toEqual({
      ok: true,
      restriction: null,
    });
  });

  it("restricts an account the policy covers until it enrols", () => {
    expect(gate({ account: { globalRole: "ADMIN" } })).toEqual({
      ok: true,
      restriction: "TWO_FACTOR_ENROLMENT",
    });
    expect(gate({ account: { globalRole: "AUDITOR" } })).toEqual({
      ok: true,
      restriction: "TWO_FACTOR_ENROLMENT",
    });
    expect(gate({ account: { globalRole: "ADMIN" }, policy: "OFF" })).toEqual({
      ok: true,
      restriction: null,
    });
    expect(gate({ policy: "EVERYONE" })).toEqual({ ok: true, restriction: "TWO_FACTOR_ENROLMENT" });
    expect(gate({ account: { globalRole: "ADMIN", twoFactorEnabled: true }, claims: { mfa: true } })).toEqual(
      { ok: true, restriction: null },
    );
  });

  it("asks for the one-time password to be changed before anything else, enrolment included", () => {
    expect(gate({ account: { mustChangePassword: true, globalRole: "ADMIN" } })).toEqual({
      ok: true,
      restriction: "PASSWORD_CHANGE",
    });
  });
});
