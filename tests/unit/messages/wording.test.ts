import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import enRoom from "@/messages/en/room.json";
import frRoom from "@/messages/fr/room.json";
import frGovernance from "@/messages/fr/governance.json";

// Wording that was wrong once, stated here rather than read back from the code.

describe("the floor's buttons cannot be confused", () => {
  it.each([
    ["en", enRoom],
    ["fr", frRoom],
  ] as const)("%s: each starts with its own verb (they can stand side by side)", (locale, room) => {
    const t = createTranslator({ locale, messages: { room }, namespace: "room.token" });
    const labels = [t("request"), t("take"), t("withdraw"), t("release"), t("revoke", { name: "Ada" })];
    const verbs = labels.map((l) => l.split(" ")[0].toLowerCase());
    expect(new Set(verbs).size, labels.join(" | ")).toBe(labels.length);
    // Revoking names whose turn it ends.
    expect(t("revoke", { name: "Ada" })).toContain("Ada");
  });
});

describe("French turnout agrees with its number", () => {
  const t = createTranslator({ locale: "fr", messages: { g: frGovernance }, namespace: "g" });
  it("1 sur 3 a voté, 2 sur 3 ont voté", () => {
    expect(t("proposal.turnout", { voted: 1, entitled: 3 })).toMatch(/^1 sur 3 .*\ba voté$/);
    expect(t("proposal.turnout", { voted: 2, entitled: 3 })).toMatch(/^2 sur 3 .*\bont voté$/);
    expect(t("decisions.turnout", { voted: 1, entitled: 3, abstentions: 0 })).toMatch(/^1 sur 3 a voté \(/);
  });
});
