import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import en from "@/messages/en/errors.json";
import fr from "@/messages/fr/errors.json";
import { REFUSAL_CODES, refuse } from "@/core/errors";
import { ACTIONS, GLOBAL_ACTIONS } from "@/core/permissions";
import { PHASES } from "@/core/phases/phase";
import { createMeetingInput } from "@/lib/schemas/meeting";
import { describeRefusal, type ErrorTranslator } from "@/lib/errors/describe";
import { zodRefusal } from "@/lib/errors/zod";

const catalogues = { en, fr } as const;
const translator = (locale: keyof typeof catalogues) =>
  createTranslator({
    locale,
    messages: { errors: catalogues[locale] },
    namespace: "errors",
  }) as unknown as ErrorTranslator;

describe("refusal codes", () => {
  it("has a sentence for every code, and only for codes, in EN and FR", () => {
    for (const locale of ["en", "fr"] as const) {
      expect(Object.keys(catalogues[locale].refusals).sort(), locale).toEqual([...REFUSAL_CODES].sort());
    }
  });

  it("names every action and phase in EN and FR", () => {
    for (const locale of ["en", "fr"] as const) {
      const t = translator(locale);
      for (const a of [...ACTIONS, ...GLOBAL_ACTIONS])
        expect(t.has(`actions.${a}`), `${locale} ${a}`).toBe(true);
      for (const p of PHASES) expect(t.has(`phases.${p}`), `${locale} ${p}`).toBe(true);
    }
  });

  it("turns a refusal into a sentence with its parameters in words", () => {
    const e = refuse("PHASE_FORBIDS", { action: "idea.post", phase: "CLARIFICATION" });
    expect(e.code).toBe("PRECONDITION_FAILED");
    expect(describeRefusal(translator("en"), e.toData())).toBe(
      "You cannot post an idea during the Clarification phase.",
    );
    expect(describeRefusal(translator("fr"), e.toData())).toBe(
      "Impossible de proposer une idée pendant la phase Clarification.",
    );
    expect(describeRefusal(translator("fr"), refuse("TOO_MANY_ATTEMPTS", { seconds: 1 }).toData())).toBe(
      "Trop de tentatives. Attendez 1 seconde et réessayez.",
    );
  });

  it("translates input the shared schemas refuse, by field and problem", () => {
    const parsed = createMeetingInput.safeParse({ title: "  ", description: "x".repeat(5001) });
    expect(parsed.success).toBe(false);
    const refusal = zodRefusal(parsed.error!);
    expect(refusal.issues).toEqual([
      { field: "title", problem: "REQUIRED", params: { min: 1 } },
      { field: "description", problem: "TOO_LONG", params: { max: 5000 } },
    ]);
    expect(describeRefusal(translator("fr"), refusal)).toBe(
      "Titre : champ obligatoire. Description : au plus 5\u202f000 caractères.",
    );
  });
});
