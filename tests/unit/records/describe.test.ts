import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { DESCRIBED_TYPES, describeEvent } from "@/core/records/describe";
import { loadMessages } from "@/messages";
import { scriptedEvents, PEOPLE } from "../../helpers/scripted-record";

const names = new Map(PEOPLE.map((p) => [p.id, p.name]));
const name = (id: string | null | undefined) => (id ? (names.get(id) ?? id) : "");
const asDescribable = (r: (typeof scriptedEvents)[number]) => {
  const { type, ...data } = r.event;
  return { type, actorId: r.actorId, data };
};

describe("event summaries", () => {
  it("has a message for every described type, in every locale, that formats", async () => {
    for (const locale of ["en", "fr"] as const) {
      const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: "records" });
      for (const r of scriptedEvents) {
        const d = describeEvent(asDescribable(r), name);
        const text = (t as unknown as (k: string, v: object) => string)(d.key, d.values);
        expect(text, `${locale} ${r.event.type}`).not.toMatch(/records\.events|\{|\}/);
      }
      for (const type of DESCRIBED_TYPES) {
        expect(t.has(`events.${type}` as never), `${locale}: events.${type}`).toBe(true);
      }
    }
  });

  it("describes every event of the scripted meeting by its own message", () => {
    for (const r of scriptedEvents)
      expect(describeEvent(asDescribable(r), name).key).toBe(`events.${r.event.type}`);
  });

  it("names people, and keeps the details that matter", () => {
    const granted = describeEvent(
      { type: "token.granted", actorId: "u_ana", data: { userId: "u_bob", reason: "facilitator" } },
      name,
    );
    expect(granted).toEqual({
      key: "events.token.granted",
      values: { actor: "Ana Lima", subject: "Bob Stone", reason: "facilitator" },
    });
    const posted = describeEvent(
      { type: "idea.posted", actorId: "u_cy", data: { ideaId: "i", text: "x".repeat(300) } },
      name,
    );
    expect(posted.values.author).toBe("Cy Okafor");
    expect(String(posted.values.text)).toHaveLength(120);
  });

  it("still describes an event type it has never heard of", () => {
    const d = describeEvent(
      {
        type: "agenda.itemAdded",
        actorId: "u_ana",
        data: { itemId: "a1", userId: "u_bob", title: "Budget", minutes: 10 },
      },
      name,
    );
    expect(d).toEqual({
      key: "events.other",
      values: {
        actor: "Ana Lima",
        type: "agenda.itemAdded",
        fields: 'itemId=a1, minutes=10, title="Budget", userId=Bob Stone',
      },
    });
  });

  it("reads a known type with a payload of the wrong shape as blanks, never throwing", () => {
    const d = describeEvent(
      { type: "proposal.closed", actorId: null, data: { title: 42, tally: "no" } },
      name,
    );
    expect(d.values).toEqual({ actor: "", title: "", outcome: "" });
  });
});
