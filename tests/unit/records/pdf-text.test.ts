import { describe, expect, it } from "vitest";
import { printable } from "@/server/services/records/pdf-fonts";

describe("text for the PDF minutes' embedded font", () => {
  it("keeps every European script, French typography included", () => {
    const text = "Réunion « budget » – l’équipe… 5 € · Łukasz Żółć, Øyvind, Ελένη, Дмитрий, שרה";
    expect(printable(text)).toBe(text);
    // Intl's narrow no-break spaces (French number formats) are drawn too.
    expect(printable("50\u202f%")).toBe("50\u202f%");
  });
  it("composes accents, and prints what the font lacks as ?", () => {
    expect(printable("e\u0301")).toBe("é");
    expect(printable("会議 🎉 ok")).toBe("?? ? ok");
  });
});
