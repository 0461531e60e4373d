import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appInBrowser } from "../helpers/e2e-app";
import { screenshot, signUp } from "../helpers/browser";
import { fill } from "../helpers/messages";
import enGovernance from "@/messages/en/governance.json";
import frGovernance from "@/messages/fr/governance.json";
import enMeetings from "@/messages/en/meetings.json";
import frMeetings from "@/messages/fr/meetings.json";
import enRoom from "@/messages/en/room.json";
import frRoom from "@/messages/fr/room.json";

// Three people in three browsers (facilitator, participant, observer) take a meeting through its
// four phases, in English and in French. The texts come from the message files, so the test
// follows what users read. Screenshots: test-results/screenshots/governance-*.png

// A configured administrator, so the people below are ordinary accounts (not "first one wins").
const env = appInBrowser({ ADMIN_EMAIL: "admin@example.test", ADMIN_PASSWORD: "admin password 1234" });

const MESSAGES = {
  en: { g: enGovernance, m: enMeetings, r: enRoom },
  fr: { g: frGovernance, m: frMeetings, r: frRoom },
} as const;

const phaseIs = (page: Page, phase: string) =>
  page.locator(`[data-testid="phase-bar"][data-phase="${phase}"]`).waitFor({ timeout: 10_000 });

/** Every control of the phase bar and the governance panels is disabled for the observer. */
async function expectNothingEnabled(page: Page) {
  const controls = page.locator(
    '[data-testid="governance"] :is(button, input, textarea, select), [data-testid="phase-bar"] :is(button, input, textarea, select)',
  );
  const enabled = page.locator(
    // Buttons say "disabled" with aria-disabled (they keep focus); fields with the attribute.
    '[data-testid="governance"] :is(button:not([aria-disabled="true"]):enabled, :is(input, textarea, select):enabled), [data-testid="phase-bar"] :is(button:not([aria-disabled="true"]):enabled, :is(input, textarea, select):enabled)',
  );
  expect(await enabled.count()).toBe(0);
  return controls.count();
}

describe.each(["en", "fr"] as const)("a meeting through its four phases (%s)", (locale) => {
  it("facilitator, participant and observer: ideas, a question, a vote, a decision, feedback, closing", async () => {
    const { g, m, r } = MESSAGES[locale];
    const phase = (p: keyof typeof m.phases) => m.phases[p];
    const [fac, par, obs] = await Promise.all(
      [0, 1, 2].map(async () =>
        (await env.browser.newContext({ locale, viewport: { width: 1280, height: 900 } })).newPage(),
      ),
    );
    const names = { fac: `Fatou ${locale}`, par: `Paul ${locale}`, obs: `Olivia ${locale}` };
    await signUp(fac, env.app.url, locale, { name: names.fac, email: `fatou-${locale}@example.test` });
    await signUp(par, env.app.url, locale, { name: names.par, email: `paul-${locale}@example.test` });
    await signUp(obs, env.app.url, locale, { name: names.obs, email: `olivia-${locale}@example.test` });

    // The facilitator creates the meeting; the others join by link; Olivia is made observer.
    await fac.fill('input[name="title"]', `Working week ${locale}`);
    await fac.click('button[type="submit"]');
    await fac.waitForURL(/\/meetings\/m_/);
    const inviteField = fac.locator('[data-testid="invite-link"]');
    await expect.poll(() => inviteField.inputValue()).toContain(`/${locale}/join/`);
    const invite = await inviteField.inputValue();
    for (const page of [par, obs]) {
      await page.goto(invite);
      await page.waitForURL(/\/meetings\/m_/);
      await phaseIs(page, "IDEATION");
    }
    await fac.getByLabel(fill(r.members.roleLabel, { name: names.obs })).selectOption("OBSERVER");
    await obs.getByText(g.denied.ROLE).first().waitFor();

    // Ideation: the participant and the facilitator post ideas; everyone sees them live.
    const idea = locale === "en" ? "A four-day week" : "La semaine de quatre jours";
    const idea2 = locale === "en" ? "Remote Fridays" : "Le vendredi en télétravail";
    await par.getByLabel(g.ideas.newLabel).fill(idea);
    await par.getByRole("button", { name: g.ideas.post }).click();
    await fac.getByLabel(g.ideas.newLabel).fill(idea2);
    await fac.getByLabel(g.ideas.newLabel).press("Enter"); // keyboard works too
    for (const page of [fac, par, obs]) {
      await page.locator('[data-testid="idea-text"]', { hasText: idea }).waitFor();
      await page.locator('[data-testid="idea-text"]', { hasText: idea2 }).waitFor();
    }
    expect(await expectNothingEnabled(obs)).toBeGreaterThan(0);
    expect(await obs.getByRole("button", { name: g.ideas.post }).getAttribute("data-denied")).toBe("ROLE");
    await screenshot(obs, `governance-${locale}-1-ideation-observer`);
    await screenshot(fac, `governance-${locale}-1-ideation-facilitator`);

    // Clarification: a question on the facilitator's idea; the participant revises their own.
    await fac
      .getByRole("button", { name: fill(g.phaseBar.advanceTo, { phase: phase("CLARIFICATION") }) })
      .click();
    for (const page of [fac, par, obs]) await phaseIs(page, "CLARIFICATION");
    const question = locale === "en" ? "Which Fridays?" : "Quels vendredis ?";
    await par.getByLabel(fill(g.ideas.askLabel, { text: idea2 })).fill(question);
    await par
      .locator('[data-testid="idea"]', { hasText: idea2 })
      .getByRole("button", { name: g.ideas.ask })
      .click();
    await obs.locator('[data-testid="comment"]', { hasText: question }).waitFor();
    const revised = `${idea} (${locale === "en" ? "from May" : "dès mai"})`;
    await par.getByRole("button", { name: fill(g.ideas.reviseAria, { text: idea }) }).click();
    await par.getByLabel(g.ideas.reviseLabel).fill(revised);
    await par.getByRole("button", { name: g.ideas.saveRevision }).click();
    await obs.locator('[data-testid="idea-text"]', { hasText: revised }).waitFor();
    await expectNothingEnabled(obs);
    await obs.getByText(fill(g.ideas.history, { count: 2 })).click();
    await screenshot(par, `governance-${locale}-2-clarification-participant`);
    await screenshot(obs, `governance-${locale}-2-clarification-observer`);

    // Decision: an open-ballot proposal from the revised idea.
    await fac.getByRole("button", { name: fill(g.phaseBar.advanceTo, { phase: phase("DECISION") }) }).click();
    for (const page of [fac, par, obs]) await phaseIs(page, "DECISION");
    await fac.getByRole("button", { name: g.proposals.new }).click();
    const title = locale === "en" ? "Adopt the four-day week" : "Adopter la semaine de quatre jours";
    await fac.getByLabel(g.proposalForm.title).fill(title);
    await fac.getByLabel(revised).check();
    await screenshot(fac, `governance-${locale}-3-decision-facilitator-form`);
    await fac.getByRole("button", { name: g.proposalForm.submit }).click();
    await par.locator('[data-testid="proposal"]', { hasText: title }).waitFor();
    await par.getByRole("button", { name: g.options.yes }).click();
    await fac.getByRole("button", { name: g.options.abstain }).click();
    await obs.getByText(fill(g.proposal.turnout, { voted: 2, entitled: 2 })).waitFor();
    await obs.locator('[data-testid="ballots"]', { hasText: names.par }).waitFor();
    expect(await obs.locator('[data-testid^="vote-"]:enabled:not([aria-disabled="true"])').count()).toBe(0);
    await expectNothingEnabled(obs);
    await screenshot(par, `governance-${locale}-3-decision-participant-voted`);

    await fac.getByRole("button", { name: g.proposal.closeVote }).click();
    await fac.getByRole("button", { name: g.proposal.closeNow, exact: true }).click();
    for (const page of [fac, par, obs]) {
      await page.locator('[data-testid="decision"][data-outcome="adopted"]', { hasText: title }).waitFor();
    }
    await obs.getByText(g.decisions.context).first().click();
    await obs
      .locator('[data-testid="decision"]')
      .getByText(fill(g.quote, { text: revised }))
      .waitFor();
    await screenshot(obs, `governance-${locale}-3-decision-observer-decided`);

    // Feedback: the participant rates; the facilitator sees the summary.
    await fac.getByRole("button", { name: fill(g.phaseBar.advanceTo, { phase: phase("FEEDBACK") }) }).click();
    for (const page of [fac, par, obs]) await phaseIs(page, "FEEDBACK");
    await par.getByLabel(fill(g.feedback.ratingOption, { rating: 4 })).check({ force: true });
    await par
      .getByLabel(g.feedback.commentLabel)
      .fill(locale === "en" ? "Clear and short" : "Clair et court");
    await par.getByRole("button", { name: g.feedback.send }).click();
    await par.locator('[data-testid="my-feedback"]').waitFor();
    await fac.getByText(fill(g.feedback.summaryLine, { count: 1, eligible: 2 })).waitFor();
    expect(await obs.locator('[data-testid="feedback-summary"]').count()).toBe(0);
    await expectNothingEnabled(obs);
    await screenshot(fac, `governance-${locale}-4-feedback-facilitator`);

    // Closing: read-only for everyone.
    await fac.getByRole("button", { name: g.phaseBar.closeMeeting }).click();
    await fac.getByRole("button", { name: g.phaseBar.confirmClose, exact: true }).click();
    for (const page of [fac, par, obs]) {
      await phaseIs(page, "CLOSED");
      await page.getByText(g.phaseBar.closedNote).waitFor();
      await page.locator('[data-testid="decision"][data-outcome="adopted"]').waitFor();
    }
    for (const page of [fac, par, obs]) await expectNothingEnabled(page);
    // A closed room shows its outcome: no floor controls at all.
    expect(await par.locator('[data-testid="request-token"]').count()).toBe(0);
    await screenshot(par, `governance-${locale}-5-closed-participant`);

    for (const page of [fac, par, obs]) await page.context().close();
  });
});
