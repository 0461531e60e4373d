import { describe, expect, it } from "vitest";
import { winAnsi } from "@/server/services/records/winansi";

describe("text for the PDF's standard fonts", () => {
  it("keeps Latin-1 and typographic marks, French included", () => {
    expect(winAnsi("Réunion « budget » – l’équipe… 5 €")).toBe("Réunion « budget » – l’équipe… 5 €");
  });
  it("replaces what the fonts cannot draw, and narrow spaces by spaces", () => {
    expect(winAnsi("会議 🎉 ok")).toBe("?? ? ok");
    expect(winAnsi("50\u202f%")).toBe("50 %");
    expect(winAnsi("e\u0301")).toBe("é"); // composed first
  });
});
