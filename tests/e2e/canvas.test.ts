import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startApp, type RunningApp } from "../helpers/server";
import { launchBrowser, meetingWithGuests, screenshot, signUp } from "../helpers/browser";
import { postMutation } from "../helpers/trpc-http";
import { pdfPagePixels, pdfPages, pixelsOfColour } from "../helpers/pdf";
import { fill } from "../helpers/messages";

// Two people on the shared canvas in Chromium, each in their own browser process (a page that is
// not in front gets no animation frames, so one browser with two tabs would not paint both): the
// holder draws with the mouse; BEFORE mouse-up the other screen shows the line (the pixels of its
// canvas), then the finished shape; the other person cannot draw, by gesture or by a forged call;
// a text typed in place; undo and redo on both screens; the board downloaded as SVG and PNG; the
// replay shows the stroke at its event; the PDF minutes draw the board. In English and in French.

/** The palette's blue (the pen's default colour), written out. */
const BLUE = "#2563eb";
const downloads = mkdtempSync(path.join(os.tmpdir(), "orchestrasec-board-"));

let app: RunningApp;
const browsers: Browser[] = [];
beforeAll(async () => {
  app = await startApp();
});
// Each test's two browser processes end with it, so the next one runs on a quiet machine.
afterEach(async () => {
  for (const b of browsers.splice(0)) await b.close();
});
afterAll(() => app?.stop());

async function person(locale: string, name: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const browser = await launchBrowser();
  browsers.push(browser);
  const page = await (await browser.newContext({ locale, viewport, acceptDownloads: true })).newPage();
  await signUp(page, app.url, locale, { name, email: `${name.toLowerCase()}-${locale}@example.test` });
  return page;
}

/** Pixels of the board's canvas within a small distance of `hex`. */
const boardPixels = (page: Page, hex: string) =>
  page.evaluate((hex) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board"] canvas');
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return -1;
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4)
      if (Math.abs(data[i] - r) < 30 && Math.abs(data[i + 1] - g) < 30 && Math.abs(data[i + 2] - b) < 30) n++;
    return n;
  }, hex);

/** The points of strokes in progress the board shows (its own and others'). */
const livePoints = async (page: Page) =>
  Number(await page.getByTestId("board").getAttribute("data-live-points"));

/** The board's box once it stops moving (cards above it may still be laying out). */
async function settledBox(page: Page) {
  const board = page.locator('[data-testid="board"] canvas');
  await board.scrollIntoViewIfNeeded();
  let last = JSON.stringify(await board.boundingBox());
  for (;;) {
    await page.waitForTimeout(200);
    const now = JSON.stringify(await board.boundingBox());
    if (now === last) return (await board.boundingBox())!;
    last = now;
  }
}

async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const target = path.join(downloads, `${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(target);
  return target;
}

describe.each(["en", "fr"] as const)("the shared canvas between two people (%s)", (locale) => {
  it("the holder draws, the other sees it live, then the finished shape, in the record too", async () => {
    const m = {
      canvas: (await import(`@/messages/${locale}/canvas.json`)).default,
      room: (await import(`@/messages/${locale}/room.json`)).default,
      records: (await import(`@/messages/${locale}/records.json`)).default,
      governance: (await import(`@/messages/${locale}/governance.json`)).default,
    };
    const count = (shapes: number) => fill(m.canvas.count, { shapes }, locale);
    const a = await person(locale, "Alice");
    const b = await person(locale, "Bruno");
    const meetingId = await meetingWithGuests(a, "Whiteboard", [b]);

    // Bruno takes the free floor: he draws; Alice (facilitator, policy "holder only") may not.
    await b.getByRole("button", { name: m.room.token.take }).click();
    await b.getByText(m.room.token.you).waitFor();
    await a.getByTestId("canvas-denied").getByText(m.canvas.denied.holder).waitFor();
    expect(await a.getByTestId("tool-pen").isDisabled()).toBe(true);
    // Off by aria-disabled, not natively: a focused tool keeps the focus when the floor passes.
    expect(await a.getByTestId("tool-pen").getAttribute("disabled")).toBeNull();
    expect(await b.getByTestId("tool-pen").isDisabled()).toBe(false);

    await settledBox(a);
    const box = await settledBox(b);
    expect(await boardPixels(a, BLUE)).toBe(0);
    await b.mouse.move(box.x + 100, box.y + 100);
    await b.mouse.down();
    for (let i = 1; i <= 20; i++) {
      await b.mouse.move(box.x + 100 + i * 15, box.y + 100 + i * 5);
      await b.waitForTimeout(20);
    }
    // Before mouse-up: Bruno's board shows his line, Alice's says who is drawing and shows it too.
    await expect.poll(() => livePoints(b), { timeout: 15_000 }).toBeGreaterThan(10);
    await expect.poll(() => boardPixels(b, BLUE), { timeout: 15_000 }).toBeGreaterThan(50);
    await a
      .getByTestId("canvas-drawing")
      .getByText(fill(m.canvas.drawing, { names: "Bruno" }, locale))
      .waitFor();
    await expect.poll(() => livePoints(a), { timeout: 15_000 }).toBeGreaterThan(10);
    await expect.poll(() => boardPixels(a, BLUE), { timeout: 15_000 }).toBeGreaterThan(50);
    expect(await a.getByTestId("canvas-count").innerText()).toBe(count(0));
    await screenshot(a, `canvas-${locale}-live-stroke`);
    await b.mouse.up();
    await a.getByTestId("canvas-count").getByText(count(1)).waitFor();
    // The finished shape replaces the stroke in progress: nobody is drawing any more.
    await expect.poll(() => a.getByTestId("canvas-drawing").innerText()).toBe("");
    await expect.poll(() => livePoints(a)).toBe(0);
    expect(await boardPixels(a, BLUE)).toBeGreaterThan(50);
    await b.getByTestId("canvas-count").getByText(count(1)).waitFor();

    // Alice's gestures change nothing, and a call forged from her console is refused.
    const abox = await settledBox(a);
    await a.mouse.move(abox.x + 300, abox.y + 300);
    await a.mouse.down();
    await a.mouse.move(abox.x + 500, abox.y + 400);
    await a.mouse.up();
    const forged = { kind: "pen", id: "forged-01", color: "red", width: 4, points: [[5, 5]] };
    // 412: drawing waits on the floor (as every floor-dependent refusal), it is not her role.
    expect(await postMutation(a, "annotations.draw", { meetingId, shape: forged })).toBe(412);
    await a.waitForTimeout(500);
    expect(await a.getByTestId("canvas-count").innerText()).toBe(count(1));

    // A text typed in place, then undone and redone: on both screens.
    await b.getByTestId("tool-text").click();
    await expect.poll(() => b.getByTestId("tool-text").getAttribute("aria-pressed")).toBe("true");
    const textBox = await settledBox(b);
    await b.mouse.click(textBox.x + textBox.width / 2, textBox.y + textBox.height / 2);
    const editor = b.getByTestId("board-text-editor");
    await editor.waitFor();
    expect(await editor.evaluate((el) => el === document.activeElement)).toBe(true);
    await b.keyboard.type("Budget 2027");
    await b.keyboard.press("Enter");
    await a.getByTestId("canvas-count").getByText(count(2)).waitFor();
    await b.getByTestId("canvas-undo").click();
    await a.getByTestId("canvas-count").getByText(count(1)).waitFor();
    await b.getByTestId("canvas-redo").click();
    await a.getByTestId("canvas-count").getByText(count(2)).waitFor();
    await b.getByTestId("canvas-count").getByText(count(2)).waitFor();
    await screenshot(b, `canvas-${locale}-desktop-holder`);
    await screenshot(a, `canvas-${locale}-desktop-facilitator`);

    // Anyone in the meeting downloads the board, as SVG and as PNG.
    const svg = readFileSync(await download(a, "canvas-download-svg"), "utf8");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain(`stroke="${BLUE}"`);
    expect(svg).toContain("Budget 2027");
    const png = readFileSync(await download(a, "canvas-download-png"));
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(png.readUInt32BE(16)).toBe(1600); // width from the IHDR chunk

    // The replay: before the stroke's event the board is empty, after it the stroke is there.
    const shownSeq = async () => Number(await a.getByTestId("replay-state").getAttribute("data-seq"));
    const replayShapes = async () => {
      const board = a.getByTestId("replay-board");
      return (await board.count()) ? Number(await board.getAttribute("data-shapes")) : 0;
    };
    await a.getByTestId("replay-slider").focus();
    await a.keyboard.press("Home");
    await expect.poll(shownSeq).toBe(1);
    while ((await replayShapes()) === 0) {
      const before = await shownSeq();
      expect(before, "the stroke never appears in the replay").toBeLessThan(30);
      await a.keyboard.press("ArrowRight");
      await expect.poll(shownSeq).toBe(before + 1);
    }
    expect(await replayShapes()).toBe(1);
    expect(await a.getByTestId("replay-board").locator("path").count()).toBe(1);
    await screenshot(a, `canvas-${locale}-replay`);

    // A stroke in progress when the floor passes is dropped on every screen, and placed nowhere.
    await b.getByTestId("tool-pen").click();
    const again = await settledBox(b);
    const low = again.y + again.height * 0.8;
    await b.mouse.move(again.x + 50, low);
    await b.mouse.down();
    for (let i = 1; i <= 10; i++) await b.mouse.move(again.x + 50 + i * 20, low);
    await expect.poll(() => livePoints(a), { timeout: 15_000 }).toBeGreaterThan(3);
    await a
      .getByRole("button", { name: fill(m.room.token.revoke, { name: "Bruno" }, locale), exact: true })
      .click();
    for (const p of [a, b]) await expect.poll(() => livePoints(p)).toBe(0);
    await b.mouse.up();
    await b.waitForTimeout(500);
    for (const p of [a, b]) expect(await p.getByTestId("canvas-count").innerText()).toBe(count(2));

    // Closed, the meeting's PDF minutes draw the board with its text.
    const phaseBar = m.governance.phaseBar;
    for (let i = 0; i < 3; i++) {
      const before = await a.getByTestId("advance-phase").innerText();
      await a.getByTestId("advance-phase").click();
      await expect.poll(() => a.getByTestId("advance-phase").innerText()).not.toBe(before);
    }
    await a.getByTestId("advance-phase").click();
    await a.getByRole("button", { name: phaseBar.confirmClose }).click();
    // A closed meeting's board is shown as it was left, without tools.
    await b.getByTestId("canvas-closed").getByText(m.canvas.closed).waitFor();
    expect(await b.getByTestId("tool-pen").count()).toBe(0);
    const pdf = readFileSync(await download(a, "download-pdf"));
    const pages = pdfPages(pdf);
    const page = pages.findIndex((p) => p.includes(m.records.pdf.sections.board)) + 1;
    expect(page, "the PDF has a board section").toBeGreaterThan(0);
    expect(pages.join("\n")).toContain("Budget 2027");
    expect(pixelsOfColour(pdfPagePixels(pdf, page), BLUE)).toBeGreaterThan(30);

    // On a phone the board fits the screen: nothing wider than it.
    await b.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => b.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(b, `canvas-${locale}-phone-closed`);
  });
});
