import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startApp, type RunningApp } from "../helpers/server";
import { launchBrowser, screenshot, signUp } from "../helpers/browser";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const TEXT = {
  en: {
    holderMe: "You have the floor",
    take: "Take the floor",
    request: "Request to speak",
    queued: "You are #1",
  },
  fr: {
    holderMe: "Vous avez la parole",
    take: "Prendre la parole",
    request: "Demander la parole",
    queued: "Vous êtes n°1",
  },
} as const;

describe.each(["en", "fr"] as const)("speaking token between two people (%s)", (locale) => {
  it("A creates, B joins by link and requests, A grants, B sees it live", async () => {
    const t = TEXT[locale];
    const a = await (await browser.newContext({ locale })).newPage();
    const b = await (await browser.newContext({ locale })).newPage();
    await signUp(a, app.url, locale, { name: `Alice ${locale}`, email: `alice-${locale}@example.test` });
    await signUp(b, app.url, locale, { name: `Bruno ${locale}`, email: `bruno-${locale}@example.test` });

    await a.fill('input[name="title"]', `Weekly sync ${locale}`);
    await a.click('button[type="submit"]');
    await a.waitForURL(/\/meetings\/m_/);
    // The link is filled in once the room has mounted (it needs the page's origin).
    const inviteField = a.locator('[data-testid="invite-link"]');
    await expect.poll(() => inviteField.inputValue()).toContain(`/${locale}/join/`);
    const invite = await inviteField.inputValue();

    await b.goto(invite);
    await b.waitForURL(/\/meetings\/m_/);
    await expect
      .poll(() => b.locator('[data-testid="meeting-title"]').textContent())
      .toBe(`Weekly sync ${locale}`);

    // A takes the free floor; B's screen follows without reload.
    await a.getByRole("button", { name: t.take }).click();
    await a.getByText(t.holderMe).waitFor();
    await b.getByText(`Alice ${locale}`, { exact: false }).first().waitFor();

    // B asks to speak and is queued; A sees B in the queue.
    await b.getByRole("button", { name: t.request }).click();
    await b.getByText(t.queued).waitFor();
    const grant = a.locator('[data-testid^="grant-"]');
    await grant.waitFor();
    await screenshot(a, `room-${locale}-facilitator-queue`);

    // A grants; B becomes holder on B's screen, live.
    await grant.click();
    await b.getByText(t.holderMe).waitFor({ timeout: 5_000 });
    const holderId = await b.locator('[data-testid="token-holder"]').getAttribute("data-holder-id");
    expect(holderId).toBeTruthy();
    await a.locator(`[data-testid="token-holder"][data-holder-id="${holderId}"]`).waitFor();
    await screenshot(b, `room-${locale}-participant-holder`);
    await screenshot(a, `room-${locale}-facilitator-after-grant`);

    await a.context().close();
    await b.context().close();
  });
});
