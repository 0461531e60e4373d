// The live room in Chromium: eight people in one room; a token change and a phase change reach
// all eight screens without a single HTTP request (each page folds the events it is sent), and
// the "Live" indicator tells the truth when the connection goes away and comes back.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appInBrowser } from "../helpers/e2e-app";
import { screenshot, signUp } from "../helpers/browser";
import { fill } from "../helpers/messages";
import room from "@/messages/en/room.json";

const env = appInBrowser();

const PEOPLE = ["Ada", "Ben", "Chloe", "Dev", "Emil", "Fatou", "Gus", "Hana"];

async function person(name: string): Promise<Page> {
  const page = await (await env.browser.newContext({ locale: "en" })).newPage();
  await signUp(page, env.app.url, "en", { name, email: `${name.toLowerCase()}@example.test` });
  return page;
}

const live = (page: Page) => page.locator('[data-testid="live"]', { hasText: room.live });

describe("the live room", () => {
  let pages: Page[];

  it("eight screens follow a token change and a phase change with zero HTTP requests", async () => {
    pages = [];
    for (const name of PEOPLE) pages.push(await person(name));
    const [ada, ...others] = pages;
    await ada.fill('input[name="title"]', "Town hall");
    await ada.click('button[type="submit"]');
    await ada.waitForURL(/\/meetings\/m_/);
    const inviteField = ada.locator('[data-testid="invite-link"]');
    await expect.poll(() => inviteField.inputValue()).toContain("/en/join/");
    const invite = await inviteField.inputValue();
    for (const page of others) {
      await page.goto(invite);
      await page.waitForURL(/\/meetings\/m_/);
    }
    for (const page of pages) await live(page).waitFor();
    // Everyone sees all eight members before we start counting.
    for (const page of pages) await expect.poll(() => page.locator('[data-testid="member"]').count()).toBe(8);

    const requests: string[] = [];
    for (const [i, page] of pages.entries())
      page.on("request", (r) => requests.push(`${PEOPLE[i]}: ${r.method()} ${r.url()}`));

    // A token change: Ben takes the free floor.
    const ben = pages[1];
    await ben.getByRole("button", { name: room.token.take }).click();
    await ben.getByText(room.token.you).waitFor();
    const holder = await ben.locator('[data-testid="token-holder"]').getAttribute("data-holder-id");
    expect(holder).toBeTruthy();
    for (const page of pages)
      await page.locator(`[data-testid="token-holder"][data-holder-id="${holder}"]`).waitFor();

    // A phase change: Ada moves the meeting on to Clarification.
    await ada.getByTestId("advance-phase").click();
    for (const page of pages)
      await page.locator('[data-testid="phase-bar"][data-phase="CLARIFICATION"]').waitFor();

    expect(requests).toEqual([]);
    await screenshot(ada, "live-room-eight-facilitator");
    await screenshot(ben, "live-room-eight-holder");
  });

  it("says 'reconnecting' while the browser is offline, and catches up when it is back", async () => {
    const [ada, ben] = pages;
    const context = ben.context();
    await context.setOffline(true);
    await ben.locator('[data-testid="live"]', { hasText: room.reconnecting }).waitFor({ timeout: 2_000 });
    await screenshot(ben, "live-room-offline");
    // Meanwhile Ada gives Ben's turn away: Ben's screen must show it once back.
    await ada.getByRole("button", { name: fill(room.token.revoke, { name: "Ben" }) }).click();
    await ada.locator('[data-testid="token-holder"][data-holder-id=""]').waitFor();
    await context.setOffline(false);
    await live(ben).waitFor({ timeout: 15_000 });
    await ben.locator('[data-testid="token-holder"][data-holder-id=""]').waitFor();
    for (const page of pages) await page.context().close();
  });
});
