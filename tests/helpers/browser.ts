// Debian's Chromium driven by playwright-core: no browser download, ever.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { PROJECT_ROOT } from "./database";
import { generateTotp } from "../../src/server/security/totp";

const SCREENSHOT_DIR = path.join(PROJECT_ROOT, "test-results", "screenshots");

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

export const E2E_PASSWORD = "correct horse battery";

/**
 * Signs up through the real form and waits for the meetings page. The first account becomes the
 * administrator, whom the default 2FA policy sends to enrolment first: that is completed here too
 * (the secret read from the page, the code computed like an authenticator app would), and the
 * secret and recovery codes are returned for later sign-ins.
 */
export async function signUp(
  page: Page,
  baseUrl: string,
  locale: string,
  who: { name: string; email: string },
): Promise<{ twoFactor: Enrolment | null }> {
  await page.goto(`${baseUrl}/${locale}/sign-up`);
  await page.fill('input[name="name"]', who.name);
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="password"]', E2E_PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL(new RegExp(`/${locale}/(meetings|account/security)`));
  if (!page.url().includes("/account/security")) return { twoFactor: null };
  const twoFactor = await enrolTwoFactor(page);
  await page.waitForURL(`**/${locale}/meetings`);
  return { twoFactor };
}

export interface Enrolment {
  secret: string;
  recoveryCodes: string[];
}

/** The code an authenticator app shows for `secret`, `stepsAhead` 30-second steps from now. */
function totpNow(secret: string, stepsAhead = 0): Promise<string> {
  return generateTotp(secret, new Date(Date.now() + stepsAhead * 30_000));
}

/**
 * On the account security page: sets up 2FA like a person with an authenticator app, saves the
 * recovery codes and continues. `onCodes` runs while the codes are on screen (e.g. a screenshot).
 */
export async function enrolTwoFactor(page: Page, onCodes?: () => Promise<void>): Promise<Enrolment> {
  // Start, unless the setup is already on screen (e.g. after a refused code).
  const started = page.getByTestId("totp-secret");
  if (!(await started.isVisible())) await page.getByTestId("two-factor-set-up").click();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  await page.fill('input[name="code"]', await totpNow(secret));
  await page.getByTestId("totp-confirm").click();
  await page.getByTestId("recovery-codes").waitFor();
  const recoveryCodes = await page.getByTestId("recovery-code").allInnerTexts();
  await onCodes?.();
  await page.getByTestId("recovery-codes-saved").click();
  return { secret, recoveryCodes };
}

/**
 * `host` (signed in, on the meetings page) creates a meeting titled `title`, and each of
 * `guests` joins it by its invite link, as people do. Returns the meeting's id.
 */
export async function meetingWithGuests(host: Page, title: string, guests: readonly Page[]): Promise<string> {
  await host.fill('input[name="title"]', title);
  await host.click('button[type="submit"]');
  await host.waitForURL(/\/meetings\/m_/);
  // The link is filled in once the room has loaded.
  await host.waitForFunction(() =>
    document.querySelector<HTMLInputElement>('[data-testid="invite-link"]')?.value.includes("/join/"),
  );
  const link = await host.locator('[data-testid="invite-link"]').inputValue();
  for (const guest of guests) {
    await guest.goto(link);
    await guest.waitForURL(/\/meetings\/m_/);
  }
  return host.url().split("/meetings/")[1];
}
