import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appInBrowser } from "../helpers/e2e-app";
import { enrolTwoFactor, launchBrowser, screenshot, signUp } from "../helpers/browser";
import enAccount from "@/messages/en/account.json";
import enA11y from "@/messages/en/a11y.json";
import enGovernance from "@/messages/en/governance.json";
import enMeetings from "@/messages/en/meetings.json";
import frGovernance from "@/messages/fr/governance.json";
import frMeetings from "@/messages/fr/meetings.json";
import enRoom from "@/messages/en/room.json";
import frRoom from "@/messages/fr/room.json";
import { fill } from "../helpers/messages";
import enAdmin from "@/messages/en/admin.json";
import frAdmin from "@/messages/fr/admin.json";
import enErrors from "@/messages/en/errors.json";
import frErrors from "@/messages/fr/errors.json";

// axe-core (the npm package, injected into each page) on the app's pages in English and French,
// signed out and signed in, the room as facilitator and as participant: any violation of any
// impact fails. Then French refusals must read French. Screenshots at 1280x800 and 390x844:
// test-results/screenshots/a11y-*.png

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const ADMIN = { email: "admin@example.test", password: "admin password 1234" };
const env = appInBrowser({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
const MESSAGES = { en: { admin: enAdmin }, fr: { admin: frAdmin } } as const;
const GOVERNANCE = { en: enGovernance, fr: frGovernance } as const;
const MEETINGS = { en: enMeetings, fr: frMeetings } as const;
const ROOM = { en: enRoom, fr: frRoom } as const;

interface Violation {
  id: string;
  impact: string;
  nodes: { target: string[] }[];
}

/** axe's violations on the page (or the part `within` selects) as it is now, as "rule (impact): selectors" lines. */
async function axeViolations(page: Page, within?: string): Promise<string[]> {
  // evaluate() runs through the DevTools protocol, so the page's CSP (script nonces) allows it.
  await page.evaluate(AXE);
  const violations = (await page.evaluate(async (selector) => {
    const axe = (
      window as unknown as { axe: { run: (c: Element | Document) => Promise<{ violations: unknown[] }> } }
    ).axe;
    return (await axe.run(selector ? document.querySelector(selector)! : document)).violations;
  }, within)) as Violation[];
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** axe at desktop and phone sizes, on the page or the part `within` selects; a screenshot of each. */
async function scanSizes(page: Page, name: string, within?: string): Promise<string[]> {
  const found: string[] = [];
  for (const [w, h, size] of [
    [1280, 800, "desktop"],
    [390, 844, "phone"],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    found.push(...(await axeViolations(page, within)).map((v) => `${size}: ${v}`));
    // Nothing may push the page wider than the screen (a phone would scroll sideways).
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > w) found.push(`${size}: the page is ${wide}px wide`);
    await screenshot(page, `a11y-${name}-${size}`);
  }
  return found;
}

/** Visits `path`, checks its own tab title and runs axe at desktop and phone sizes. */
async function check(page: Page, path: string, name: string, ready?: string) {
  await page.goto(`${env.app.url}${path}`);
  if (ready) await page.locator(ready).first().waitFor();
  await page.waitForLoadState("networkidle");
  expect(await scanSizes(page, name), `${path}`).toEqual([]);
  return `${path} = ${await page.title()}`;
}

describe.each(["en", "fr"] as const)("every page passes axe (%s)", (locale) => {
  it("signed out, signed in, and the room as facilitator and participant", async () => {
    const guest = await (await env.browser.newContext()).newPage();
    const titles = new Set<string>();
    for (const p of ["", "/sign-in", "/sign-up"])
      titles.add(await check(guest, `/${locale}${p}`, `${locale}-guest${p.replace("/", "-")}`));

    const fac = await (await env.browser.newContext()).newPage();
    const par = await (await env.browser.newContext()).newPage();
    await signUp(fac, env.app.url, locale, { name: "Fatou", email: `a11y-fatou-${locale}@example.test` });
    await signUp(par, env.app.url, locale, { name: "Paul", email: `a11y-paul-${locale}@example.test` });
    titles.add(await check(fac, `/${locale}/meetings`, `${locale}-meetings`));
    await fac.fill('input[name="title"]', `Accessible ${locale}`);
    await fac.click('button[type="submit"]');
    await fac.waitForURL(/\/meetings\/m_/);
    const room = new URL(fac.url()).pathname;
    const invite = await fac.locator('[data-testid="invite-link"]').inputValue();
    await par.goto(invite);
    await par.waitForURL(/\/meetings\/m_/);
    await par.locator('[data-testid="request-token"]').click();
    titles.add(await check(fac, room, `${locale}-room-facilitator`, '[data-testid="phase-bar"]'));
    await check(par, room, `${locale}-room-participant`, '[data-testid="phase-bar"]');
    // On a phone the floor comes first, and on a desktop it heads the side column under the
    // phase bar: either way the holder and the request button are on the first screen.
    for (const [width, height] of [
      [390, 844],
      [1280, 800],
    ] as const) {
      await fac.setViewportSize({ width, height });
      await fac.goto(`${env.app.url}${room}`);
      for (const id of ["token-holder", "request-token"]) {
        await fac.getByTestId(id).waitFor();
        const box = await fac.getByTestId(id).boundingBox();
        expect(box, id).not.toBeNull();
        expect(box!.y + box!.height, `${id} at ${width}x${height}`).toBeLessThan(height);
      }
    }
    await fac.setViewportSize({ width: 390, height: 844 });
    await fac.goto(`${env.app.url}${room}`);
    await fac.getByTestId("token-holder").waitFor();
    await screenshot(fac, `a11y-${locale}-room-phone-first-screen`);
    for (const p of ["/account", "/account/password", "/account/security", "/records"])
      titles.add(await check(fac, `/${locale}${p}`, `${locale}${p.replace(/\//g, "-")}`));
    // Each page has its own title; only the home page is the application's name alone.
    expect([...titles].filter((t) => t.endsWith(" = OrchestraSec"))).toEqual([`/${locale} = OrchestraSec`]);
    for (const page of [guest, fac, par]) await page.context().close();
  });
});

describe.each(["en", "fr"] as const)("the room in every phase passes axe (%s)", (locale) => {
  it("as facilitator, participant and observer, with a vote open, a decision, feedback; and the error pages", async () => {
    const { g, m, r } = { g: GOVERNANCE[locale], m: MEETINGS[locale], r: ROOM[locale] };
    const [fac, par, obs] = await Promise.all(
      [0, 1, 2].map(async () => (await env.browser.newContext()).newPage()),
    );
    await signUp(fac, env.app.url, locale, { name: "Farah", email: `a11y-farah-${locale}@example.test` });
    await signUp(par, env.app.url, locale, { name: "Pia", email: `a11y-pia-${locale}@example.test` });
    await signUp(obs, env.app.url, locale, { name: "Oscar", email: `a11y-oscar-${locale}@example.test` });
    await fac.fill('input[name="title"]', `Phases ${locale}`);
    await fac.click('button[type="submit"]');
    await fac.waitForURL(/\/meetings\/m_/);
    const invite = fac.locator('[data-testid="invite-link"]');
    await expect.poll(() => invite.inputValue()).toContain("/join/");
    for (const page of [par, obs]) {
      await page.goto(await invite.inputValue());
      await page.getByTestId("phase-bar").waitFor();
    }
    await fac.getByLabel(fill(r.members.roleLabel, { name: "Oscar" })).selectOption("OBSERVER");
    await obs.getByText(g.denied.ROLE).first().waitFor();
    await par.getByLabel(g.ideas.newLabel).fill("Idea");
    await par.getByRole("button", { name: g.ideas.post }).click();
    await fac.locator('[data-testid="idea-text"]').first().waitFor();

    const found: string[] = [];
    const scanAll = async (phase: string) => {
      for (const page of [fac, par, obs]) {
        await page.locator(`[data-testid="phase-bar"][data-phase="${phase}"]`).waitFor();
        // Buttons fade between their busy and ready colours (150 ms): axe reads the colours settled.
        await page.waitForTimeout(400);
        const who = page === fac ? "facilitator" : page === par ? "participant" : "observer";
        found.push(
          ...(await scanSizes(page, `${locale}-room-${phase}-${who}`)).map((f) => `${phase} ${who} ${f}`),
        );
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    };
    const advance = async (phase: keyof typeof m.phases) =>
      fac.getByRole("button", { name: fill(g.phaseBar.advanceTo, { phase: m.phases[phase] }) }).click();

    await scanAll("IDEATION");
    await advance("CLARIFICATION");
    await scanAll("CLARIFICATION");
    await advance("DECISION");
    await fac.getByTestId("new-proposal").click();
    await fac.getByLabel(g.proposalForm.title).fill("Proposal");
    await fac.getByRole("button", { name: g.proposalForm.submit }).click();
    await par.getByRole("button", { name: g.options.yes, exact: true }).click();
    await fac.getByTestId("ballots").waitFor();
    await scanAll("DECISION");
    await fac.getByTestId("close-vote").click();
    await fac.getByTestId("confirm-close-vote").click();
    await fac.getByTestId("decision").waitFor();
    await advance("FEEDBACK");
    await par.locator('[data-testid="phase-bar"][data-phase="FEEDBACK"]').waitFor();
    await par.getByLabel(fill(g.feedback.ratingOption, { rating: 4 })).check({ force: true });
    await par.getByRole("button", { name: g.feedback.send }).click();
    await par.getByTestId("my-feedback").waitFor();
    await scanAll("FEEDBACK");
    await fac.getByRole("button", { name: g.phaseBar.closeMeeting }).click();
    await fac.getByRole("button", { name: g.phaseBar.confirmClose }).click();
    await scanAll("CLOSED");
    // A closed room offers no call to join.
    for (const page of [fac, par, obs]) expect(await page.getByTestId("video-panel").count()).toBe(0);

    // The pages that say no: a meeting one is not in, an admin page.
    for (const [path, name, shown] of [
      [`/${locale}/meetings/m_doesnotexist`, "room-not-found", "room-closed-to-me"],
      [`/${locale}/admin/users`, "forbidden", "access-denied"],
    ] as const) {
      await obs.goto(`${env.app.url}${path}`);
      await obs.getByTestId(shown).waitFor();
      await obs.waitForLoadState("networkidle");
      found.push(...(await scanSizes(obs, `${locale}-${name}`)).map((f) => `${path} ${f}`));
    }
    expect(found).toEqual([]);
    for (const page of [fac, par, obs]) await page.context().close();
  });
});

describe.each(["en", "fr"] as const)("the room's video card passes axe (%s)", (locale) => {
  it("before joining, and joined with two people (fake camera and microphone), desktop and phone", async () => {
    // Chromium's fake devices stand in for a camera and a microphone, granted without a prompt.
    const browser = await launchBrowser([
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      "--allow-loopback-in-peer-connection",
    ]);
    try {
      const [fac, par] = await Promise.all([0, 1].map(async () => (await browser.newContext()).newPage()));
      await signUp(fac, env.app.url, locale, { name: "Vera", email: `a11y-vera-${locale}@example.test` });
      await signUp(par, env.app.url, locale, { name: "Omar", email: `a11y-omar-${locale}@example.test` });
      await fac.fill('input[name="title"]', `Video ${locale}`);
      await fac.click('button[type="submit"]');
      await fac.waitForURL(/\/meetings\/m_/);
      const invite = fac.locator('[data-testid="invite-link"]');
      await expect.poll(() => invite.inputValue()).toContain("/join/");
      await par.goto(await invite.inputValue());
      const card = '[data-testid="video-panel"]';
      for (const page of [fac, par]) await page.locator(card).waitFor();
      await fac.waitForLoadState("networkidle");
      const found = await scanSizes(fac, `${locale}-video-before-join`, card);
      for (const page of [fac, par]) {
        await page.getByTestId("video-join").click();
        await page.getByTestId("video-leave").waitFor();
      }
      // Both tiles are on each page (one featured when someone holds the floor).
      await expect.poll(() => fac.locator(`${card} [data-user]`).count()).toBe(2);
      found.push(...(await scanSizes(fac, `${locale}-video-joined`, card)));
      found.push(...(await scanSizes(par, `${locale}-video-joined-participant`, card)));
      expect(found).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe("the admin pages", () => {
  it("pass axe in EN and FR; on a phone the users are cards whose actions and the tabs fit the screen", async () => {
    const rita = await (await env.browser.newContext()).newPage();
    await signUp(rita, env.app.url, "en", { name: "Rita", email: "a11y-rita@example.test" });
    const admin = await (await env.browser.newContext()).newPage();
    await admin.goto(`${env.app.url}/en/sign-in`);
    await admin.fill('input[name="email"]', ADMIN.email);
    await admin.fill('input[name="password"]', ADMIN.password);
    await admin.click('button[type="submit"]');
    // Sent to 2FA enrolment, and told why: this account is the administrator.
    await admin.getByText(enAccount.required.enrolAdmin).waitFor();
    const found = await scanSizes(admin, "en-admin-enrolment");
    await enrolTwoFactor(admin);
    await admin.waitForURL("**/meetings");
    for (const locale of ["en", "fr"] as const) {
      for (const p of ["/admin/users", "/admin/audit", "/admin/settings"])
        await check(admin, `/${locale}${p}`, `${locale}${p.replace(/\//g, "-")}`);
      await admin.setViewportSize({ width: 390, height: 844 });
      await admin.goto(`${env.app.url}/${locale}/admin/users`);
      const row = admin.locator('[data-testid="user-row"][data-email="a11y-rita@example.test"]');
      await row.getByTestId("reset-password").waitFor();
      const controls = [
        ...(await row.locator("button, select").all()),
        ...(await admin
          .getByRole("navigation", { name: MESSAGES[locale].admin.nav.label })
          .getByRole("link")
          .all()),
      ];
      for (const control of controls) {
        const box = await control.boundingBox();
        const name = (await control.textContent()) ?? "";
        expect(box, name).not.toBeNull();
        expect(box!.x, name).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, name).toBeLessThanOrEqual(390);
      }
      await screenshot(admin, `a11y-${locale}-admin-users-phone-cards`);
    }
    expect(found).toEqual([]);
    for (const page of [rita, admin]) await page.context().close();
  });
});

describe("the app's icons and web app manifest", () => {
  it("are linked from every page's head and served from public/", async () => {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(`${env.app.url}/fr/sign-in`);
    const href = (rel: string) => page.locator(`head link[rel="${rel}"]`).first().getAttribute("href");
    const links = {
      icon: await href("icon"),
      apple: await href("apple-touch-icon"),
      manifest: await href("manifest"),
    };
    for (const [rel, url] of Object.entries(links)) {
      expect(url, rel).toBeTruthy();
      expect((await page.request.get(new URL(url!, env.app.url).href)).status(), rel).toBe(200);
    }
    const manifest = (await (await page.request.get(new URL(links.manifest!, env.app.url).href)).json()) as {
      name: string;
      icons: { src: string; sizes: string }[];
    };
    expect(manifest.name).toBe("OrchestraSec");
    // Installable: a 192 px and a 512 px icon, each served.
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const icon of manifest.icons)
      expect((await page.request.get(new URL(icon.src, env.app.url).href)).status(), icon.src).toBe(200);
    expect((await page.request.get(`${env.app.url}/favicon.ico`)).headers()["content-type"]).toMatch(/icon/);
    await page.context().close();
  });
});

describe("refusals read in the page's language", () => {
  it("a broken invite link and an empty title, in French: no English", async () => {
    const page = await (await env.browser.newContext()).newPage();
    await signUp(page, env.app.url, "fr", { name: "Zoé", email: "a11y-zoe@example.test" });
    await page.goto(`${env.app.url}/fr/join/doesnotexist`);
    await page.getByText(frErrors.refusals.MEETING_NOT_FOUND).waitFor();
    expect(await page.locator("main").innerText()).not.toContain(enErrors.refusals.MEETING_NOT_FOUND);
    expect(await page.locator("main").innerText()).not.toMatch(/not found/i);

    await page.goto(`${env.app.url}/fr/meetings`);
    await page.fill('input[name="title"]', "   ");
    await page.click('button[type="submit"]');
    await page.getByText(fill(frErrors.input.REQUIRED, { field: frErrors.fields.title })).waitFor();
    expect(await page.locator("main").innerText()).not.toMatch(/required/i);
    await page.context().close();
  });
});

describe("live regions", () => {
  it("say a floor change, a queue place and a phase change once each, and never the clock", async () => {
    const fac = await (await env.browser.newContext()).newPage();
    const par = await (await env.browser.newContext()).newPage();
    await signUp(fac, env.app.url, "en", { name: "Lea", email: "a11y-lea@example.test" });
    await signUp(par, env.app.url, "en", { name: "Tom", email: "a11y-tom@example.test" });
    await fac.fill('input[name="title"]', "Announcements");
    await fac.click('button[type="submit"]');
    await fac.waitForURL(/\/meetings\/m_/);
    await par.goto(await fac.locator('[data-testid="invite-link"]').inputValue());
    await par.getByTestId("phase-bar").waitFor();
    await par.waitForLoadState("networkidle");
    // Every text any live region of the participant's page takes, in order.
    await par.evaluate(() => {
      const said: string[] = [];
      (window as unknown as { said: string[] }).said = said;
      const regions = () =>
        document.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"]');
      const last = new Map<Element, string>();
      new MutationObserver(() => {
        for (const r of regions()) {
          const text = r.textContent?.trim() ?? "";
          if (text && last.get(r) !== text) said.push(text);
          last.set(r, text);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await fac.getByTestId("request-token").click(); // Lea takes the free floor
    const said1 = fill(enA11y.announce.holder, { name: "Lea" });
    const said2 = fill(enA11y.announce.place, { place: 1 });
    const said3 = fill(enA11y.announce.phase, { phase: enErrors.phases.CLARIFICATION });
    await par.getByText(said1).waitFor({ state: "attached" });
    await par.getByTestId("request-token").click(); // Tom queues
    await par.getByText(said2).waitFor({ state: "attached" });
    await fac
      .getByRole("button", {
        name: fill(enGovernance.phaseBar.advanceTo, { phase: enMeetings.phases.CLARIFICATION }),
      })
      .first()
      .click();
    await par.locator('[data-testid="phase-bar"][data-phase="CLARIFICATION"]').waitFor();
    await par.waitForTimeout(10_000); // Lea keeps speaking: the clock ticks on screen
    const said = await par.evaluate(() => (window as unknown as { said: string[] }).said);
    expect(said).toEqual([said1, said2, said3]);
    for (const page of [fac, par]) await page.context().close();
  });
});
