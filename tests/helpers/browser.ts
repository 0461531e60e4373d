// Debian's Chromium driven by playwright-core: no browser download, ever.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { PROJECT_ROOT } from "./database";

export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, "test-results", "screenshots");

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs up through the real form and waits for the meetings page. */
export async function signUp(
  page: Page,
  baseUrl: string,
  locale: string,
  who: { name: string; email: string },
) {
  await page.goto(`${baseUrl}/${locale}/sign-up`);
  await page.fill('input[name="name"]', who.name);
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="password"]', "correct horse battery");
  await page.click('button[type="submit"]');
  await page.waitForURL(`**/${locale}/meetings`);
}
