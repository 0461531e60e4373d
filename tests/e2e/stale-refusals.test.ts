import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { appInBrowser } from "../helpers/e2e-app";
import { screenshot, signUp } from "../helpers/browser";
import { fill } from "../helpers/messages";
import { TRPC_WS_PATH } from "@/lib/trpc/paths";
import enErrors from "@/messages/en/errors.json";
import enRoom from "@/messages/en/room.json";
import fr from "@/messages/fr/errors.json";
import frGovernance from "@/messages/fr/governance.json";
import frMeetings from "@/messages/fr/meetings.json";
import frRoom from "@/messages/fr/room.json";

// In French, a page that has fallen behind (its live stream held back, as when a tab slept or
// its connection dropped) tries what it still shows, and the server refuses: the phase moved on,
// her role changed, the floor was taken back, the meeting closed; and a form the server finds
// invalid. Each time the refusal is read in French, no English sentence of the error catalogue
// is on the page, and the page brings itself up to date (it shows what the server knows) even
// though its stream is still held back. Screenshots: test-results/screenshots/stale-*.png

const env = appInBrowser({ ADMIN_EMAIL: "admin@example.test", ADMIN_PASSWORD: "admin password 1234" });

/** The literal parts of a message template (outside every `{...}`, plural branches included). */
function literalParts(template: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of template) {
    if (ch === "{") {
      if (depth === 0) parts.push(current);
      current = depth === 0 ? "" : current;
      depth++;
    } else if (ch === "}") depth--;
    else if (depth === 0) current += ch;
  }
  return [...parts, current];
}

const sentences = (node: unknown): string[] =>
  typeof node === "string" ? [node] : Object.values(node as object).flatMap(sentences);

/** Pieces of English a refusal could show: the sentences of the catalogue and the room's frame. */
const ENGLISH = [
  ...new Set(
    [enErrors.generic, enErrors.internal, enErrors.refusals, enErrors.input, enRoom.error]
      .flatMap(sentences)
      .flatMap(literalParts)
      .map((p) => p.trim())
      .filter((p) => p.length >= 8),
  ),
];

async function expectNoEnglish(page: Page, what: string) {
  const text = await page.locator("main").innerText();
  expect(
    ENGLISH.filter((p) => text.includes(p)),
    what,
  ).toEqual([]);
  // Internal ids never reach the page either.
  expect(text, what).not.toMatch(/\b(idea|token|proposal|feedback|phase)\.[a-z]+\b|\bCLARIFICATION\b/);
}

/**
 * The person's socket goes through a proxy that can hold back the room's stream (its data
 * messages are dropped) while commands and their answers still pass: her page goes stale.
 */
async function staleable(context: BrowserContext) {
  const control = { stale: false };
  await context.routeWebSocket(new RegExp(`${TRPC_WS_PATH}$`), (page) => {
    const server = page.connectToServer();
    const streams = new Set<unknown>();
    const parse = (m: string | Buffer): { id?: unknown; method?: string; params?: { path?: string } }[] => {
      try {
        return [JSON.parse(String(m))].flat();
      } catch {
        return []; // keep-alive PING / PONG
      }
    };
    page.onMessage((m) => {
      for (const op of parse(m))
        if (op.method === "subscription" && op.params?.path === "live.stream") streams.add(op.id);
      server.send(m);
    });
    server.onMessage((m) => {
      const msgs = parse(m);
      if (control.stale && msgs.length > 0 && msgs.every((x) => streams.has(x.id))) return;
      page.send(m);
    });
  });
  return control;
}

describe("a stale French page, refused", () => {
  it("phase moved on, role changed, floor taken back, meeting closed, invalid form: French, then up to date", async () => {
    const fac = await (await env.browser.newContext({ locale: "fr" })).newPage();
    const parContext = await env.browser.newContext({ locale: "fr" });
    const hold = await staleable(parContext);
    const par = await parContext.newPage();
    await signUp(fac, env.app.url, "fr", { name: "Fatou", email: "stale-fatou@example.test" });
    await signUp(par, env.app.url, "fr", { name: "Paul", email: "stale-paul@example.test" });
    await fac.fill('input[name="title"]', "Réunion en retard");
    await fac.click('button[type="submit"]');
    await fac.waitForURL(/\/meetings\/m_/);
    const invite = fac.locator('[data-testid="invite-link"]');
    await expect.poll(() => invite.inputValue()).toContain("/join/");
    await par.goto(await invite.inputValue());
    for (const page of [fac, par]) {
      await page.getByTestId("phase-bar").waitFor();
      await page.waitForLoadState("networkidle");
    }
    const phaseIs = (page: Page, phase: string) =>
      page.locator(`[data-testid="phase-bar"][data-phase="${phase}"]`).waitFor();
    const advance = async (phase: keyof typeof frMeetings.phases) => {
      await fac
        .getByRole("button", {
          name: fill(frGovernance.phaseBar.advanceTo, { phase: frMeetings.phases[phase] }),
        })
        .click();
      await phaseIs(fac, phase);
    };
    const refusal = (code: keyof typeof fr.refusals, params: Record<string, string> = {}) =>
      fill(fr.refusals[code], params);
    /** What Paul's page shows after Fatou's `change`, while his stream is held back. */
    const whileStale = async (change: () => Promise<void>) => {
      hold.stale = true;
      await change();
      await par.waitForTimeout(500); // the event would have arrived by now
    };
    const ideaField = par.getByLabel(frGovernance.ideas.newLabel);
    const postIdea = async (text: string) => {
      await ideaField.fill(text);
      await par.getByRole("button", { name: frGovernance.ideas.post }).click();
    };

    // Role changed: Fatou makes Paul an observer; his page still offers him to post an idea.
    await whileStale(async () => {
      await fac.getByLabel(fill(frRoom.members.roleLabel, { name: "Paul" })).selectOption("OBSERVER");
    });
    await expect.poll(() => ideaField.isEnabled()).toBe(true);
    await postIdea("Une idée");
    await par
      .getByText(refusal("ROLE_FORBIDS", { action: fr.actions.idea.post }))
      .first()
      .waitFor();
    await expectNoEnglish(par, "role changed");
    await expect.poll(() => ideaField.isDisabled()).toBe(true); // up to date: an observer's field
    await screenshot(par, "stale-fr-role-changed");
    hold.stale = false;
    await fac.getByLabel(fill(frRoom.members.roleLabel, { name: "Paul" })).selectOption("PARTICIPANT");
    await expect.poll(() => ideaField.isEnabled()).toBe(true);

    // Floor taken back: Paul has the floor; Fatou takes it back and takes it herself.
    await par.getByTestId("request-token").click();
    await par.getByTestId("token-holder").getByText(frRoom.token.you).waitFor();
    await whileStale(async () => {
      await fac.getByRole("button", { name: fill(frRoom.token.revoke, { name: "Paul" }) }).click();
      await fac.getByTestId("request-token").click();
      await fac.getByTestId("token-holder").getByText(frRoom.token.you).waitFor();
    });
    await par.getByRole("button", { name: frRoom.token.release }).click();
    await par.getByText(refusal("NOT_HOLDER")).first().waitFor();
    await expectNoEnglish(par, "floor taken back");
    await par
      .getByTestId("token-holder")
      .getByText(fill(frRoom.token.holder, { name: "Fatou" }))
      .waitFor();
    await screenshot(par, "stale-fr-floor-taken");
    hold.stale = false;

    // Phase moved on: Fatou moves to Clarification; Paul's page still shows the idea field.
    await whileStale(() => advance("CLARIFICATION"));
    await postIdea("Encore une idée");
    await par
      .getByText(refusal("PHASE_FORBIDS", { action: fr.actions.idea.post, phase: fr.phases.CLARIFICATION }))
      .first()
      .waitFor();
    await expectNoEnglish(par, "phase moved on");
    await phaseIs(par, "CLARIFICATION");
    await screenshot(par, "stale-fr-phase-moved");
    hold.stale = false;

    // Invalid input: a proposal with a single choice, refused by the server's schema.
    await advance("DECISION");
    await fac.getByTestId("new-proposal").click();
    await fac.getByLabel(frGovernance.proposalForm.title).fill("Où se retrouver ?");
    await fac.getByLabel(frGovernance.proposalForm.optionsKind.choices).check();
    await fac.getByLabel(frGovernance.proposalForm.choices).fill("Paris");
    await fac.getByRole("button", { name: frGovernance.proposalForm.submit }).click();
    await fac
      .getByText(fill(fr.input.TOO_FEW, { field: fr.fields.options, min: 2 }))
      .first()
      .waitFor();
    await expectNoEnglish(fac, "invalid proposal");
    await screenshot(fac, "stale-fr-invalid-input");
    await fac
      .getByRole("form", { name: frGovernance.proposalForm.heading })
      .getByRole("button", { name: frGovernance.proposalForm.cancel })
      .click();

    // Meeting closed: Paul's page still shows the feedback form.
    await advance("FEEDBACK");
    await phaseIs(par, "FEEDBACK");
    await whileStale(async () => {
      await fac.getByRole("button", { name: frGovernance.phaseBar.closeMeeting }).click();
      await fac.getByRole("button", { name: frGovernance.phaseBar.confirmClose }).click();
      await phaseIs(fac, "CLOSED");
    });
    await par.getByLabel(fill(frGovernance.feedback.ratingOption, { rating: 4 })).check({ force: true });
    await par.getByRole("button", { name: frGovernance.feedback.send }).click();
    await par
      .getByText(refusal("MEETING_CLOSED", { action: fr.actions.feedback.give }))
      .first()
      .waitFor();
    await expectNoEnglish(par, "meeting closed");
    await phaseIs(par, "CLOSED");
    await screenshot(par, "stale-fr-meeting-closed");
    for (const page of [fac, par]) await page.context().close();
  });
});
