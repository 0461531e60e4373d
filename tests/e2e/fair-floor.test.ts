import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import type { Page } from "playwright-core";
import { appInBrowser } from "../helpers/e2e-app";
import { meetingWithGuests, screenshot, signUp } from "../helpers/browser";
import { postMutation } from "../helpers/trpc-http";
import { pdfLines, pdfPages } from "../helpers/pdf";
import enRoom from "@/messages/en/room.json";
import enFloor from "@/messages/en/floor.json";
import enRecords from "@/messages/en/records.json";
import frRoom from "@/messages/fr/room.json";
import frFloor from "@/messages/fr/floor.json";
import frRecords from "@/messages/fr/records.json";

// A fair floor in Chromium, four people, in English and in French: under "least speaking time
// first" the one who has not spoken is given the floor before the one who spoke, on every screen;
// a point of order is granted ahead of the queue; the facilitator moves someone up with a reason
// by keyboard alone, and drags a row on desktop; the activity feed, the record's CSV and its PDF
// (downloaded through the room's links) show the override.

const env = appInBrowser();
const downloads = mkdtempSync(path.join(os.tmpdir(), "orchestrasec-floor-downloads-"));

const MESSAGES = {
  en: { room: enRoom, floor: enFloor, records: enRecords },
  fr: { room: frRoom, floor: frFloor, records: frRecords },
} as const;

const order = (page: Page) =>
  page
    .locator('[data-testid="queue-entry"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-user-id")));
const holderOf = (page: Page) => page.getByTestId("token-holder").getAttribute("data-holder-id");

async function download(page: Page, format: "csv" | "pdf"): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(`download-${format}`).click(),
  ]);
  const target = path.join(downloads, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

/** Tab (forwards) until the element with `testId` has the focus, as a keyboard user would. */
async function tabTo(page: Page, testId: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
    if (focused === testId) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${testId}`);
}

describe.each(["en", "fr"] as const)("a fair floor (%s)", (locale) => {
  const m = MESSAGES[locale];
  const say = createTranslator({ locale, messages: m as unknown as Record<string, never> }) as unknown as (
    key: string,
    values?: Record<string, string | number>,
  ) => string;

  it("orders by least speaking time everywhere, takes a point of order first, records the overrides", async () => {
    const person = async (name: string) => {
      const context = await env.browser.newContext({
        locale,
        acceptDownloads: true,
        viewport: { width: 1280, height: 800 },
      });
      const p = await context.newPage();
      await signUp(p, env.app.url, locale, { name, email: `${name.toLowerCase()}.${locale}@example.test` });
      return p;
    };
    const names = { ana: "Ana", ben: "Ben", cleo: "Cleo", dan: "Dan" };
    const [a, b, c, d] = [
      await person(names.ana),
      await person(names.ben),
      await person(names.cleo),
      await person(names.dan),
    ];
    const everyone = [a, b, c, d];
    const meetingId = await meetingWithGuests(a, `Fair floor ${locale}`, [b, c, d]);
    await a.getByTestId("queue-policy").selectOption("LEAST_TIME");
    for (const p of [b, c, d]) {
      await p.getByTestId("queue-policy-shown").getByText(m.floor.policy.LEAST_TIME).waitFor();
    }

    // Ben speaks first, then Ana takes the floor; Ben, then Cleo, ask for it.
    await b.getByRole("button", { name: m.room.token.take }).click();
    await b.getByText(m.room.token.you).waitFor();
    const ben = (await holderOf(b))!;
    await b.waitForTimeout(1500);
    await b.getByRole("button", { name: m.room.token.release }).click();
    await a.getByRole("button", { name: m.room.token.take }).click();
    await a.getByText(m.room.token.you).waitFor();
    const ana = (await holderOf(a))!;
    await b.getByTestId("request-token").click();
    await expect.poll(() => order(c)).toEqual([ben]);
    await c.getByTestId("request-token").click();
    await expect.poll(() => order(c)).toHaveLength(2);
    const cleo = (await order(c)).find((id) => id !== ben)!;
    // Cleo never spoke: she stands first, though Ben asked first; on every screen, saying why.
    for (const p of everyone) await expect.poll(() => order(p)).toEqual([cleo, ben]);
    const why = `${say("floor.why.stats", { spoken: "0:00", turns: 0 })} · ${m.floor.why.LEAST_TIME}`;
    await expect.poll(() => d.getByTestId("queue-why").first().textContent()).toBe(why);
    await screenshot(d, `fair-floor-${locale}-least-time-desktop`);
    // When Ana passes the floor, it goes to Cleo, not to Ben: every screen shows her holding it.
    await a.getByRole("button", { name: m.room.token.release }).click();
    for (const p of everyone) await expect.poll(() => holderOf(p)).toBe(cleo);
    await c.getByText(m.room.token.you).waitFor();

    // A point of order from Dan jumps the queue (Ben still waits): highlighted, then granted.
    await d
      .getByTestId("point-reason")
      .fill(locale === "en" ? "The quorum is not met" : "Le quorum n’est pas atteint");
    await d.getByTestId("raise-point").click();
    await a.getByTestId("points-of-order").waitFor();
    const dan = (await a.getByTestId("point-of-order").getAttribute("data-user-id"))!;
    await screenshot(a, `fair-floor-${locale}-point-of-order-desktop`);
    await a.getByTestId(`grant-point-${dan}`).click();
    for (const p of everyone) await expect.poll(() => holderOf(p)).toBe(dan);
    expect(await order(b)).toEqual([ben]);

    // Ana and Cleo ask again. Ana, by keyboard alone, moves the last in line up, with a reason.
    await a.getByTestId("request-token").click();
    await c.getByTestId("request-token").click();
    await expect.poll(() => order(a)).toHaveLength(3);
    const before = (await order(a)) as string[];
    const last = before[2];
    const reason = locale === "en" ? "Rapporteur" : "Rapporteuse";
    // The keys alone, from wherever her focus is: Tab to the reason, type it, Tab to the arrow, Enter.
    await tabTo(a, "override-reason");
    await a.keyboard.type(reason);
    await tabTo(a, `up-${last}`);
    await a.keyboard.press("Enter");
    const moved = [before[0], last, before[1]];
    for (const p of everyone) await expect.poll(() => order(p)).toEqual(moved);
    const nameOf = (id: string) =>
      ({ [ana]: names.ana, [ben]: names.ben, [cleo]: names.cleo, [dan]: names.dan })[id];
    // The move as every record of it words it: Ana moved the last one up, past the second.
    const reordered = {
      actor: names.ana,
      subject: nameOf(last),
      direction: "up",
      from: 3,
      to: 2,
      skipped: nameOf(before[1]),
      hasReason: "yes",
      reason,
    };
    const feedLine = say("floor.activity.reordered", reordered);
    await d.getByTestId("activity").getByText(feedLine).waitFor();
    await a.setViewportSize({ width: 1280, height: 800 });
    await screenshot(a, `fair-floor-${locale}-reordered-desktop`);
    // On a phone the page fits its width (nothing holds it at the desktop width it had before).
    const pageWidth = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth);
    await c.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => pageWidth(c)).toBeLessThanOrEqual(390);
    await screenshot(c, `fair-floor-${locale}-reordered-phone`);
    await a.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => pageWidth(a)).toBeLessThanOrEqual(390);
    await screenshot(a, `fair-floor-${locale}-facilitator-phone`);
    await a.setViewportSize({ width: 1280, height: 800 });

    // On desktop the facilitator may also drag a row onto another: the last goes first, for all.
    const rows = a.locator('[data-testid="queue-entry"]');
    // Both rows in view first, as a person sees them: a drag that has to scroll the page is lost.
    await a.getByTestId("queue").scrollIntoViewIfNeeded();
    // Grabbed by its handle (top left of the row), dropped on the first row.
    await rows
      .nth(2)
      .dragTo(rows.nth(0), { sourcePosition: { x: 4, y: 12 }, targetPosition: { x: 40, y: 12 } });
    const dragged = [moved[2], moved[0], moved[1]];
    for (const p of [b, d]) await expect.poll(() => order(p)).toEqual(dragged);

    // The meeting closes (phases API); its members download the record from the room.
    for (const to of ["CLARIFICATION", "DECISION", "FEEDBACK", "CLOSED"]) {
      expect(await postMutation(a, "phases.change", { meetingId, to })).toBe(200);
    }
    await a.reload();
    const csv = readFileSync(await download(a, "csv"), "utf8");
    const summary = say("records.events.floor.reordered", reordered);
    const csvRow = csv.split("\r\n").find((line) => line.includes(",floor.reordered,"))!;
    expect(csvRow).toContain(`,${names.ana},floor.reordered,`);
    expect(csvRow).toContain(summary.replaceAll('"', '""'));

    const pdf = pdfLines(pdfPages(readFileSync(await download(a, "pdf")))).join("\n");
    expect(pdf).toContain(m.records.pdf.sections.floor);
    // The override as a table row: by whom, who moved, the places, who was passed over, why.
    const change = say("records.pdf.floor.change", { kind: "reordered", from: 3, to: 2 });
    expect(pdf).toContain([names.ana, nameOf(last), change, nameOf(before[1]), reason].join("\n"));
    expect(pdf).toContain(say("records.pdf.floor.outcome", { outcome: "granted", by: names.ana }));
    await screenshot(a, `fair-floor-${locale}-closed-desktop`);
    for (const p of everyone) await p.context().close();
  }, 180_000);
});
