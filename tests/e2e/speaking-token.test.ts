import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appInBrowser } from "../helpers/e2e-app";
import { screenshot, signUp } from "../helpers/browser";
import { fill } from "../helpers/messages";
import enRoom from "@/messages/en/room.json";
import frRoom from "@/messages/fr/room.json";

// Two people in two browsers pass the speaking token, in English and in French. The texts come
// from the message files; each live update is awaited as the change itself (the holder card
// naming the new holder), never as a name that was already on the page.

const env = appInBrowser();

const ROOM = { en: enRoom, fr: frRoom } as const;

/** The holder card once it names `userId` as the holder. */
const holderCard = (page: Page, userId: string) =>
  page.locator(`[data-testid="token-holder"][data-holder-id="${userId}"]`);

describe.each(["en", "fr"] as const)("speaking token between two people (%s)", (locale) => {
  it("A creates, B joins by link and requests, A grants, B sees it live", async () => {
    const r = ROOM[locale];
    const names = { a: `Alice ${locale}`, b: `Bruno ${locale}` };
    const a = await (await env.browser.newContext({ locale })).newPage();
    const b = await (await env.browser.newContext({ locale })).newPage();
    await signUp(a, env.app.url, locale, { name: names.a, email: `alice-${locale}@example.test` });
    await signUp(b, env.app.url, locale, { name: names.b, email: `bruno-${locale}@example.test` });

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
    await b.getByText(r.token.free).waitFor();

    // A takes the free floor; B's holder card changes to name A, without reload.
    await a.getByRole("button", { name: r.token.take }).click();
    await a.getByText(r.token.you).waitFor();
    const aliceId = await a.getByTestId("token-holder").getAttribute("data-holder-id");
    expect(aliceId).toBeTruthy();
    await holderCard(b, aliceId!).waitFor();
    expect(await holderCard(b, aliceId!).innerText()).toContain(fill(r.token.holder, { name: names.a }));

    // B asks to speak and is queued; A sees B in the queue.
    await b.getByRole("button", { name: r.token.request }).click();
    await b.getByText(fill(r.queue.yourPosition, { position: 1 })).waitFor();
    const grant = a.locator('[data-testid^="grant-"]');
    await grant.waitFor();
    const brunoId = (await grant.getAttribute("data-testid"))!.slice("grant-".length);
    await screenshot(a, `room-${locale}-facilitator-queue`);

    // A grants; both holder cards change to name B, live.
    await grant.click();
    await holderCard(b, brunoId).waitFor({ timeout: 5_000 });
    expect(await holderCard(b, brunoId).innerText()).toContain(r.token.you);
    await holderCard(a, brunoId).waitFor();
    expect(await holderCard(a, brunoId).innerText()).toContain(fill(r.token.holder, { name: names.b }));
    await screenshot(b, `room-${locale}-participant-holder`);
    await screenshot(a, `room-${locale}-facilitator-after-grant`);

    await a.context().close();
    await b.context().close();
  });
});
