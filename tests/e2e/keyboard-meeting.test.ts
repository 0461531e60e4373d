import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appInBrowser } from "../helpers/e2e-app";
import { meetingWithGuests, screenshot, signUp } from "../helpers/browser";
import { fill } from "../helpers/messages";
import g from "@/messages/en/governance.json";
import m from "@/messages/en/meetings.json";
import r from "@/messages/en/room.json";

// A whole meeting run by keyboard only: a facilitator and a participant take, request, give and
// pass the floor, post an idea, go through every phase, open a vote, vote, close it, give
// feedback and close the meeting, with Tab, Shift+Tab, Enter, Space and arrows. No click and no
// selector ever sets focus (signing up and creating the meeting are set-up, not the meeting).
// After every action the focused element must still be on the page, visible: a control whose
// call runs or that disappears must not drop focus to <body>.

const env = appInBrowser({ ADMIN_EMAIL: "admin@example.test", ADMIN_PASSWORD: "admin password 1234" });

type Role = "button" | "radio" | "textbox";

/** At most this many key presses to reach a control: more means it is not reachable. */
const MAX_PRESSES = 120;

/** Presses Tab (Shift+Tab when `back`) until the control named `name` has the focus. */
async function tabTo(page: Page, role: Role, name: string, back = false) {
  const target = page.getByRole(role, { name, exact: true });
  for (let i = 0; i < MAX_PRESSES; i++) {
    if (await target.evaluateAll((els) => els.some((el) => el === document.activeElement))) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${role} "${name}" not reached in ${MAX_PRESSES} presses`);
}

/** Where focus is: nothing (the page itself), or the element, and whether a person can see it. */
function focusNow(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return "the page (<body>)";
    // A visually hidden input (the rating radios) shows its focus on its label.
    const box = el.getBoundingClientRect();
    const shown = box.width <= 1 || box.height <= 1 ? (el.closest("label") ?? el) : el;
    const rect = shown.getBoundingClientRect();
    const visible = shown.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    return visible && rect.width > 1 && rect.height > 1 ? "visible" : `hidden ${el.outerHTML.slice(0, 80)}`;
  });
}

/**
 * After an action: waits until its result `done` is on the page, lets the page settle (the
 * event arrives on the live stream after the call's answer), then asserts focus stayed put.
 */
async function expectFocusKept(page: Page, action: string, done: () => Promise<unknown>) {
  await done();
  await page.waitForTimeout(400);
  expect(await focusNow(page), `focus after "${action}"`).toBe("visible");
}

/** Focuses the control by keys and presses `key` on it; then checks focus as above. */
async function act(
  page: Page,
  control: { role?: Role; name: string; back?: boolean },
  key: "Enter" | "Space",
  done: () => Promise<unknown>,
) {
  await tabTo(page, control.role ?? "button", control.name, control.back);
  await page.keyboard.press(key);
  await expectFocusKept(page, control.name, done);
}

describe("a meeting run by keyboard only", () => {
  it("floor, ideas, every phase, a vote, feedback and closing: focus never falls to the page", async () => {
    const [fac, par] = await Promise.all(
      [0, 1].map(async () =>
        (await env.browser.newContext({ locale: "en", viewport: { width: 1280, height: 900 } })).newPage(),
      ),
    );
    const names = { fac: "Kim", par: "Noor" };
    await signUp(fac, env.app.url, "en", { name: names.fac, email: "kb-kim@example.test" });
    await signUp(par, env.app.url, "en", { name: names.par, email: "kb-noor@example.test" });
    await meetingWithGuests(fac, "Keyboard meeting", [par]);
    for (const page of [fac, par]) {
      await page.getByTestId("phase-bar").waitFor();
      await page.waitForLoadState("networkidle");
    }
    const holderIs = (page: Page, text: string) => page.getByTestId("token-holder").getByText(text).waitFor();
    const phaseIs = (page: Page, phase: string) =>
      page.locator(`[data-testid="phase-bar"][data-phase="${phase}"]`).waitFor();
    const advance = (phase: keyof typeof m.phases) => fill(g.phaseBar.advanceTo, { phase: m.phases[phase] });

    // The floor: Kim takes it, Noor asks for it, Kim gives it to her, Noor passes it on.
    await act(fac, { name: r.token.take }, "Enter", () => holderIs(fac, r.token.you));
    await act(par, { name: r.token.request }, "Space", () =>
      par.getByText(fill(r.queue.yourPosition, { position: 1 })).waitFor(),
    );
    await act(fac, { name: r.queue.grant }, "Enter", () =>
      holderIs(fac, fill(r.token.holder, { name: names.par })),
    );
    await act(par, { name: r.token.release }, "Enter", () => holderIs(par, r.token.free));

    // Ideation: Noor types an idea and posts it with Enter.
    await tabTo(par, "textbox", g.ideas.newLabel);
    await par.keyboard.type("Shorter meetings");
    await par.keyboard.press("Enter");
    await expectFocusKept(par, g.ideas.post, () =>
      par.locator('[data-testid="idea-text"]', { hasText: "Shorter meetings" }).waitFor(),
    );

    // Every phase in turn; in Decision a vote is opened, cast and closed.
    await act(fac, { name: advance("CLARIFICATION") }, "Enter", () => phaseIs(fac, "CLARIFICATION"));
    await act(fac, { name: advance("DECISION") }, "Enter", () => phaseIs(fac, "DECISION"));
    await act(fac, { name: g.proposals.new }, "Enter", () => fac.getByLabel(g.proposalForm.title).waitFor());
    await fac.keyboard.type("Meet for 30 minutes");
    await act(fac, { name: g.proposalForm.submit }, "Enter", () => fac.getByTestId("proposal").waitFor());
    await act(par, { name: g.options.yes }, "Enter", () =>
      par.getByText(fill(g.proposal.openVoted, { option: g.options.yes })).waitFor(),
    );
    await act(fac, { name: g.options.yes }, "Space", () =>
      fac.getByText(fill(g.proposal.openVoted, { option: g.options.yes })).waitFor(),
    );
    await act(fac, { name: g.proposal.closeVote }, "Enter", () =>
      fac.getByTestId("confirm-close-vote").waitFor(),
    );
    await act(fac, { name: g.proposal.closeNow, back: true }, "Enter", () =>
      fac.getByTestId("decision").waitFor(),
    );
    await act(fac, { name: advance("FEEDBACK") }, "Enter", () => phaseIs(fac, "FEEDBACK"));

    // Feedback: Tab into the ratings, arrows to 4, then Send.
    const rating = (n: number) => fill(g.feedback.ratingOption, { rating: n });
    await tabTo(par, "radio", rating(1));
    await par.keyboard.press("Space");
    for (let i = 0; i < 3; i++) await par.keyboard.press("ArrowRight");
    await expectFocusKept(par, "arrows over the ratings", () =>
      expect.poll(() => par.getByRole("radio", { name: rating(4) }).isChecked()).toBe(true),
    );
    await act(par, { name: g.feedback.send }, "Enter", () => par.getByTestId("my-feedback").waitFor());

    // Closing asks first, with focus on Cancel; Shift+Tab reaches the confirmation.
    await act(fac, { name: g.phaseBar.closeMeeting }, "Enter", () =>
      fac.getByText(g.phaseBar.closeWarning).waitFor(),
    );
    await act(fac, { name: g.phaseBar.confirmClose, back: true }, "Enter", () => phaseIs(fac, "CLOSED"));
    await expectFocusKept(par, "the meeting closed by the facilitator", () => phaseIs(par, "CLOSED"));
    await screenshot(fac, "keyboard-meeting-closed");
    for (const page of [fac, par]) await page.context().close();
  });
});
