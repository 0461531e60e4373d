// Issue 5 in Chromium, in English and in French: a person enrols 2FA by reading the secret from the
// page (the code computed with otplib, as an authenticator app would), signs out, signs in with
// password + code, then with a recovery code; the admin disables them and their open page loses
// access; the admin resets their 2FA. Also: forced enrolment of the admin, a created account's
// one-time password, the audit log and its CSV export.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appInBrowser } from "../helpers/e2e-app";
import { E2E_PASSWORD, enrolTwoFactor, screenshot, signUp, type Enrolment } from "../helpers/browser";
import { generateTotp, totpStep } from "@/server/security/totp";

const ADMIN = { email: "root@example.test", password: "root-password-0123" };

/** The admin's authenticator, once enrolled (in the first locale's run). */
let adminFactor: Enrolment | null = null;
/** The last time step each secret's code was used for: codes are single-use (replay refused). */
const lastStep = new Map<string, number>();

const env = appInBrowser({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });

/** The name of the form field that has the keyboard focus. */
const focusedField = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute("name") ?? null);

async function newPage(locale: string): Promise<Page> {
  const context = await env.browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

/** A code from the app that was not used yet: the current step, or the next one (accepted too). */
async function freshCode(secret: string): Promise<string> {
  const now = totpStep(new Date());
  let step = Math.max(now, (lastStep.get(secret) ?? -1) + 1);
  if (step > now + 1) {
    // Both usable steps are spent: wait for the next one to start.
    await new Promise((r) => setTimeout(r, (step - 1) * 30_000 - Date.now() + 200));
    step = Math.max(totpStep(new Date()), step);
  }
  lastStep.set(secret, step);
  return generateTotp(secret, new Date(step * 30_000 + 1_000));
}

/** Email and password on the sign-in form; stops on the second step when the account has one. */
async function enterPassword(page: Page, locale: string, who: { email: string; password: string }) {
  await page.goto(`${env.app.url}/${locale}/sign-in`);
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="password"]', who.password);
  await page.click('button[type="submit"]');
}

async function enterCode(page: Page, code: string) {
  await page.getByTestId("second-factor-form").waitFor();
  await page.fill('input[name="code"]', code);
  await page.click('[data-testid="second-factor-form"] button[type="submit"]');
}

async function signOut(page: Page, locale: string) {
  await page.getByTestId("sign-out").click();
  await page.waitForURL(`${env.app.url}/${locale}`);
}

/** The admin, signed in: enrolled the first time (the policy requires 2FA for admins). */
async function adminPage(locale: string): Promise<Page> {
  const page = await newPage(locale);
  await enterPassword(page, locale, ADMIN);
  if (!adminFactor) {
    await page.waitForURL(`**/${locale}/account/security**`);
    await page.getByTestId("setup-required").waitFor();
    await page.getByTestId("two-factor-set-up").waitFor();
    await screenshot(page, `security-${locale}-admin-enrolment-required`);
    adminFactor = await enrolTwoFactor(page);
    lastStep.set(adminFactor.secret, totpStep(new Date()));
  } else {
    await enterCode(page, await freshCode(adminFactor.secret));
  }
  await page.waitForURL(`**/${locale}/meetings`);
  return page;
}

const TEXT = {
  en: { invalidCode: "That code is not valid", replayed: "already used", turnOff: "Turn off" },
  fr: { invalidCode: "Ce code n’est pas valide", replayed: "déjà servi", turnOff: "Désactiver" },
} as const;

describe.each(["en", "fr"] as const)("account security (%s)", (locale) => {
  it("2FA enrolment and sign-in; the admin disables the account, then resets its 2FA", async () => {
    const t = TEXT[locale];
    const admin = await adminPage(locale);
    const eve = { name: `Eve ${locale}`, email: `eve-${locale}@example.test`, password: E2E_PASSWORD };

    // Eve signs up (a plain user: no 2FA required) and sets it up from her account page.
    const user = await newPage(locale);
    expect((await signUp(user, env.app.url, locale, eve)).twoFactor).toBeNull();
    await user.getByTestId("current-user-name").click();
    await user.waitForURL(`**/${locale}/account/security`);
    await expect.poll(() => user.getByTestId("two-factor-status").getAttribute("data-enabled")).toBe("false");
    await screenshot(user, `security-${locale}-off`);
    await user.getByTestId("two-factor-set-up").click();
    await user.getByTestId("totp-qr").waitFor();
    expect(await user.getByTestId("totp-qr").getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    await screenshot(user, `security-${locale}-enrol`);

    // A 5-digit code is refused with a clear message, nothing else happens.
    await user.fill('input[name="code"]', "12345");
    await user.getByTestId("totp-confirm").click();
    await user.locator("#code-error").waitFor();
    const factor = await enrolTwoFactor(user, async () => {
      await screenshot(user, `security-${locale}-recovery-codes`);
    });
    lastStep.set(factor.secret, totpStep(new Date()));
    expect(factor.recoveryCodes).toHaveLength(10);
    await expect.poll(() => user.getByTestId("two-factor-status").getAttribute("data-enabled")).toBe("true");
    await user.getByTestId("recovery-codes-left").waitFor();
    await screenshot(user, `security-${locale}-on`);

    // Signs out, then in with password + code: a wrong code first, then the right one.
    await signOut(user, locale);
    await enterPassword(user, locale, eve);
    await enterCode(user, "000000");
    await user.getByTestId("form-error").getByText(t.invalidCode).waitFor();
    await screenshot(user, `sign-in-${locale}-second-factor`);
    const code = await freshCode(factor.secret);
    await enterCode(user, code);
    await user.waitForURL(`**/${locale}/meetings`);

    // The same code again is a replay: refused.
    await signOut(user, locale);
    await enterPassword(user, locale, eve);
    await enterCode(user, code);
    await user.getByTestId("form-error").getByText(t.replayed, { exact: false }).waitFor();

    // A recovery code works once.
    await user.getByTestId("second-factor-switch").click();
    await enterCode(user, factor.recoveryCodes[0]);
    await user.waitForURL(`**/${locale}/meetings`);

    // New recovery codes, confirmed with a recovery code (the phone is elsewhere): the old ones go.
    await user.getByTestId("current-user-name").click();
    await user.getByTestId("two-factor-regenerate").click();
    await user.fill('[data-testid="regenerate-form"] input[name="code"]', factor.recoveryCodes[1]);
    await user.click('[data-testid="regenerate-form"] button[type="submit"]');
    await user.getByTestId("recovery-codes").waitFor();
    const renewed = await user.getByTestId("recovery-code").allInnerTexts();
    expect(renewed).toHaveLength(10);
    expect(renewed).not.toContain(factor.recoveryCodes[2]);
    await user.getByTestId("recovery-codes-saved").click();
    await expect.poll(() => user.getByTestId("recovery-codes-left").textContent()).toMatch(/10/);
    await user.goto(`${env.app.url}/${locale}/meetings`);

    // The admin finds Eve and disables her account.
    await admin.getByTestId("nav-admin").click();
    await admin.waitForURL(`**/${locale}/admin/users`);
    await admin.getByTestId("user-search").fill(`eve-${locale}`);
    const row = admin.locator(`[data-testid="user-row"][data-email="${eve.email}"]`);
    await expect.poll(() => admin.getByTestId("user-row").count()).toBe(1);
    await expect.poll(() => row.getByTestId("two-factor-badge").textContent()).not.toBe("");
    await screenshot(admin, `admin-${locale}-users`);
    await row.getByTestId("disable-user").click();
    await screenshot(admin, `admin-${locale}-confirm-disable`);
    await admin.getByTestId("confirm-action").click();
    await row.getByTestId("enable-user").waitFor();

    // Eve's open page loses access at its next request: her next action lands on the sign-in page.
    await user.fill('input[name="title"]', "Should not be created");
    await user.click('button[type="submit"]');
    await user.waitForURL(`**/${locale}/sign-in**`);
    const trpcStatus = await user.evaluate(async () => (await fetch("/api/trpc/meetings.mine")).status);
    expect(trpcStatus).toBe(401);

    // The admin resets her 2FA (she lost her phone) and re-enables the account.
    await row.getByTestId("reset-two-factor").click();
    await admin.getByTestId("confirm-action").click();
    await expect.poll(() => row.getByTestId("reset-two-factor").count()).toBe(0);
    await row.getByTestId("enable-user").click();
    await row.getByTestId("disable-user").waitFor();
    await screenshot(admin, `admin-${locale}-after-reset`);

    // Eve signs in with her password alone again.
    await enterPassword(user, locale, eve);
    await user.waitForURL(`**/${locale}/meetings`);
    await user.getByTestId("current-user-name").click();
    await expect.poll(() => user.getByTestId("two-factor-status").getAttribute("data-enabled")).toBe("false");

    // Everything above is in the admin audit log, whose chain verifies; it exports as CSV.
    await admin.getByTestId("nav-admin").click();
    await admin.goto(`${env.app.url}/${locale}/admin/audit`);
    await admin.getByTestId("audit-entry").first().waitFor();
    await expect.poll(() => admin.getByTestId("audit-chain").textContent()).toMatch(/✓/);
    const actions = await admin
      .getByTestId("audit-entry")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
    // Newest first: Eve's enrolment, her sign-in with a code, with a recovery code (the code
    // spent, then the sign-in), the recovery code spent on new codes, then the admin's actions.
    expect(actions.slice(0, 9)).toEqual([
      "user.enabled",
      "user.twoFactorReset",
      "user.disabled",
      "account.recoveryCodesRegenerated",
      "account.recoveryCodeUsed",
      "account.signedInWithSecondFactor",
      "account.recoveryCodeUsed",
      "account.signedInWithSecondFactor",
      "account.twoFactorEnabled",
    ]);
    await screenshot(admin, `admin-${locale}-audit`);
    const csv = await admin.request.get(`${env.app.url}/api/admin/audit/export`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="orchestrasec-admin-audit-/);
    const text = await csv.text();
    expect(text).toContain(`user.disabled,`);
    expect(text).toContain(eve.email);
    // Not for Eve.
    expect((await user.request.get(`${env.app.url}/api/admin/audit/export`)).status()).toBe(403);

    await admin.goto(`${env.app.url}/${locale}/admin/settings`);
    await admin.getByTestId("policy-form").waitFor();
    await screenshot(admin, `admin-${locale}-policy`);

    await admin.context().close();
    await user.context().close();
  });

  it("an account created by the admin must replace its one-time password first", async () => {
    const admin = await adminPage(locale);
    await admin.goto(`${env.app.url}/${locale}/admin/users`);
    await admin.getByTestId("new-user").click();
    const email = `nora-${locale}@example.test`;
    // Each invalid field says why, and the first one takes the focus.
    await admin.fill('[data-testid="create-user-form"] input[name="email"]', "nora at example");
    await admin.click('[data-testid="create-user-form"] button[type="submit"]');
    await admin.getByTestId("name-error").waitFor();
    await admin.getByTestId("email-error").waitFor();
    await expect.poll(() => focusedField(admin)).toBe("name");
    await admin.fill('[data-testid="create-user-form"] input[name="name"]', `Nora ${locale}`);
    await admin.fill('[data-testid="create-user-form"] input[name="email"]', email);
    await admin.click('[data-testid="create-user-form"] button[type="submit"]');
    const oneTimePassword = (await admin.getByTestId("one-time-password").innerText()).trim();
    await screenshot(admin, `admin-${locale}-user-created`);

    const nora = await newPage(locale);
    await enterPassword(nora, locale, { email, password: oneTimePassword });
    await nora.waitForURL(`**/${locale}/account/password**`);
    await nora.getByTestId("setup-required").waitFor();
    // Nothing else opens until it is done.
    await nora.goto(`${env.app.url}/${locale}/meetings`);
    await nora.waitForURL(`**/${locale}/account/password**`);
    await screenshot(nora, `password-${locale}-must-change`);
    await nora.fill('input[name="currentPassword"]', "not the one-time password");
    await nora.fill('input[name="newPassword"]', "Nora's own passphrase");
    await nora.click('[data-testid="change-password-form"] button[type="submit"]');
    await nora.getByTestId("currentPassword-error").waitFor();
    await expect.poll(() => focusedField(nora)).toBe("currentPassword");
    await nora.fill('input[name="currentPassword"]', oneTimePassword);
    await nora.fill('input[name="newPassword"]', "Nora's own passphrase");
    await nora.click('[data-testid="change-password-form"] button[type="submit"]');
    await nora.waitForURL(`**/${locale}/meetings`);
    await nora.context().close();

    // Nora forgets it: the admin gives her a new one-time password, and the same first step again.
    const row = admin.locator(`[data-testid="user-row"][data-email="${email}"]`);
    await row.getByTestId("reset-password").click();
    await admin.getByTestId("confirm-action").click();
    const panel = admin.getByTestId("password-reset");
    const resetPassword = (await panel.getByTestId("one-time-password").innerText()).trim();
    expect(resetPassword).not.toBe(oneTimePassword);
    await screenshot(admin, `admin-${locale}-password-reset`);
    const again = await newPage(locale);
    await enterPassword(again, locale, { email, password: resetPassword });
    await again.waitForURL(`**/${locale}/account/password**`);
    await again.getByTestId("setup-required").waitFor();

    await admin.context().close();
    await again.context().close();
  });
});
