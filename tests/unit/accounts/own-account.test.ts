import { describe, expect, it } from "vitest";
import { assertNotOwnAccount, OWN_ACCOUNT_MESSAGE } from "@/core/accounts/own-account";

describe("admin actions on one's own account", () => {
  it("are refused as a precondition, and allowed on anyone else's", () => {
    expect(() => assertNotOwnAccount("u_ada", "u_ada")).toThrow(
      expect.objectContaining({ code: "PRECONDITION_FAILED", message: OWN_ACCOUNT_MESSAGE }),
    );
    expect(() => assertNotOwnAccount("u_ada", "u_bob")).not.toThrow();
  });
});
