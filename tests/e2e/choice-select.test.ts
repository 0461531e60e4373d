import { describe, expect, it } from "vitest";
import { appInBrowser } from "../helpers/e2e-app";
import { signUp } from "../helpers/browser";
import enRoom from "@/messages/en/room.json";

// A select that saves must wait for an explicit choice: moving through the options with the arrow
// keys saves nothing; Enter saves the option shown; Escape puts the saved one back.

const env = appInBrowser();

describe("selects that save (en)", () => {
  it("the turn limit is saved by Enter, not by the arrow keys", async () => {
    const page = await (await env.browser.newContext({ locale: "en" })).newPage();
    await signUp(page, env.app.url, "en", { name: "Kim", email: "kim-select@example.test" });
    await page.fill('input[name="title"]', "Keyboard settings");
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/meetings\/m_/);

    const select = page.getByLabel(enRoom.settings.turnLimit);
    await select.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    // What is shown moved on ("30 s", then "1 min"), nothing was saved: a reload shows no limit.
    expect(await select.inputValue()).toBe("60");
    await page.waitForTimeout(700);
    await page.reload();
    await expect.poll(() => select.inputValue()).toBe("");

    // Escape puts the saved value back; Enter saves the option shown, and focus stays put.
    await select.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Escape");
    expect(await select.inputValue()).toBe("");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SELECT");
    await page.waitForTimeout(700);
    await page.reload();
    await expect.poll(() => select.inputValue()).toBe("30");
  });
});
