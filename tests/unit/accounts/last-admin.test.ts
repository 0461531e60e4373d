import { describe, expect, it } from "vitest";
import { assertKeepsAnAdmin, removesLastActiveAdmin } from "@/core/accounts/last-admin";
import { DomainError } from "@/core/errors";

const admin = { globalRole: "ADMIN" as const, disabled: false };

describe("last active admin", () => {
  it("refuses demoting or disabling the only active admin", () => {
    expect(
      removesLastActiveAdmin({ target: admin, after: { ...admin, globalRole: "USER" }, activeAdmins: 1 }),
    ).toBe(true);
    expect(
      removesLastActiveAdmin({ target: admin, after: { ...admin, disabled: true }, activeAdmins: 1 }),
    ).toBe(true);
    expect(() =>
      assertKeepsAnAdmin({ target: admin, after: { ...admin, disabled: true }, activeAdmins: 1 }),
    ).toThrow(DomainError);
  });

  it("allows it when another active admin remains, and never minds other accounts", () => {
    expect(
      removesLastActiveAdmin({ target: admin, after: { ...admin, globalRole: "AUDITOR" }, activeAdmins: 2 }),
    ).toBe(false);
    const disabledAdmin = { ...admin, disabled: true };
    expect(
      removesLastActiveAdmin({
        target: disabledAdmin,
        after: { ...disabledAdmin, globalRole: "USER" },
        activeAdmins: 1,
      }),
    ).toBe(false);
    const user = { globalRole: "USER" as const, disabled: false };
    expect(
      removesLastActiveAdmin({ target: user, after: { ...user, disabled: true }, activeAdmins: 1 }),
    ).toBe(false);
    expect(removesLastActiveAdmin({ target: admin, after: admin, activeAdmins: 1 })).toBe(false);
  });
});
