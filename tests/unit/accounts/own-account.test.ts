import { describe, expect, it } from "vitest";
import { assertNotOwnAccount } from "@/core/accounts/own-account";

describe("admin actions on one's own account", () => {
  it("are refused as a precondition, and allowed on anyone else's", () => {
    expect(() => assertNotOwnAccount("u_ada", "u_ada")).toThrow(
      expect.objectContaining({ code: "PRECONDITION_FAILED", refusal: "NOT_YOURSELF" }),
    );
    expect(() => assertNotOwnAccount("u_ada", "u_bob")).not.toThrow();
  });
});
