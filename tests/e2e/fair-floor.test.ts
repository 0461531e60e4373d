import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appInBrowser } from "../helpers/e2e-app";
import { screenshot, signUp } from "../helpers/browser";
import enRoom from "@/messages/en/room.json";
import enFloor from "@/messages/en/floor.json";

// A fair floor in Chromium: under "least speaking time first" the one who has not spoken stands
// first on every screen; a point of order is granted ahead of the queue; the facilitator moves
// someone up with a reason, by keyboard, and the activity feed shows it.

const env = appInBrowser();

const order = (page: Page) =>
  page
    .locator('[data-testid="queue-entry"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-user-id")));
const holderIs = (page: Page, userId: string) =>
  page.locator(`[data-testid="token-holder"][data-holder-id="${userId}"]`).waitFor();

describe("a fair floor (en)", () => {
  it("orders by least speaking time on every screen, takes a point of order first, records a reorder", async () => {
    const page = async (name: string) => {
      const p = await (await env.browser.newContext({ locale: "en" })).newPage();
      await signUp(p, env.app.url, "en", { name, email: `${name.toLowerCase()}@example.test` });
      return p;
    };
    const [a, b, c] = [await page("Ana"), await page("Ben"), await page("Cleo")];
    await a.fill('input[name="title"]', "Fair floor");
    await a.click('button[type="submit"]');
    await a.waitForURL(/\/meetings\/m_/);
    const inviteField = a.locator('[data-testid="invite-link"]');
    await expect.poll(() => inviteField.inputValue()).toContain("/en/join/");
    const invite = await inviteField.inputValue();
    for (const p of [b, c]) {
      await p.goto(invite);
      await p.waitForURL(/\/meetings\/m_/);
    }
    await a.getByTestId("queue-policy").selectOption("LEAST_TIME");
    await b.getByTestId("queue-policy-shown").getByText(enFloor.policy.LEAST_TIME).waitFor();

    // Ben speaks first, then Ana takes the floor; Ben then Cleo ask for it.
    await b.getByRole("button", { name: enRoom.token.take }).click();
    await b.getByText(enRoom.token.you).waitFor();
    const ben = (await b.getByTestId("token-holder").getAttribute("data-holder-id"))!;
    await b.waitForTimeout(1500);
    await b.getByRole("button", { name: enRoom.token.release }).click();
    await a.getByRole("button", { name: enRoom.token.take }).click();
    await a.getByText(enRoom.token.you).waitFor();
    await b.getByTestId("request-token").click();
    await c.getByTestId("request-token").click();
    await expect.poll(() => order(c)).toHaveLength(2);
    const cleo = (await order(c)).find((id) => id !== ben)!;
    // Cleo never spoke: she stands first, though Ben asked first; on every screen.
    for (const p of [a, b, c]) await expect.poll(() => order(p)).toEqual([cleo, ben]);

    // A point of order from Ben is granted ahead of the queue.
    await b.getByTestId("point-reason").fill("The quorum is not met");
    await b.getByTestId("raise-point").click();
    await a.getByTestId(`grant-point-${ben}`).click();
    await holderIs(c, ben);
    await b.getByRole("button", { name: enRoom.token.release }).click();
    await holderIs(a, cleo);

    // Ana asks again, Ben asks again; by keyboard she moves the second one up, with a reason.
    await a.getByTestId("request-token").click();
    await b.getByTestId("request-token").click();
    await expect.poll(() => order(a)).toHaveLength(2);
    const [first, second] = (await order(a)) as [string, string];
    await a.getByTestId("override-reason").fill("Rapporteur");
    await a.getByTestId(`up-${second}`).focus();
    await a.keyboard.press("Enter");
    await expect.poll(() => order(c)).toEqual([second, first]);
    await c
      .getByText(/moved (Ana|Ben) up from place 2 to 1, past (Ana|Ben): “Rapporteur”/)
      .first()
      .waitFor();

    await a.setViewportSize({ width: 1280, height: 800 });
    await screenshot(a, "fair-floor-desktop");
    await c.setViewportSize({ width: 390, height: 844 });
    await screenshot(c, "fair-floor-phone");
  }, 120_000);
});
