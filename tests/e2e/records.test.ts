// An Auditor finds a closed meeting on the records page, downloads its JSON and PDF, and the JSON
// verifies offline against the server's published key. Also: the live statistics in the room.
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appInBrowser } from "../helpers/e2e-app";
import { screenshot, signUp } from "../helpers/browser";
import { runCliCommand } from "../helpers/cli";
import { postMutation } from "../helpers/trpc-http";
import { pdfPages } from "../helpers/pdf";
import { verifyBundle } from "@/core/audit/verify-bundle";

const downloads = mkdtempSync(path.join(os.tmpdir(), "orchestrasec-downloads-"));

// An administrator configured at start, so that every account signed up here is a regular one.
const env = appInBrowser({ ADMIN_EMAIL: "root@example.test", ADMIN_PASSWORD: "root-password-0123" });

/** Direct writes to the started app's database, for what no screen does yet (see each use). */
function sql(statement: string, ...params: unknown[]) {
  const db = new Database(path.join(env.app.dataDir, "app.db"), { timeout: 5_000 });
  try {
    db.prepare(statement).run(...params);
  } finally {
    db.close();
  }
}

async function newPage(locale = "en"): Promise<Page> {
  return (
    await env.browser.newContext({ locale, acceptDownloads: true, viewport: { width: 1280, height: 900 } })
  ).newPage();
}

async function download(page: Page, testId: string, rowSelector: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(rowSelector).getByTestId(testId).click(),
  ]);
  const target = path.join(downloads, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

describe("records for compliance", () => {
  it("shows live statistics in the room, then an Auditor downloads and verifies the closed record", async () => {
    const ana = await newPage();
    const bob = await newPage();
    await signUp(ana, env.app.url, "en", { name: "Ana Facilitator", email: "ana@example.test" });
    await signUp(bob, env.app.url, "en", { name: "Bob Participant", email: "bob@example.test" });
    await ana.fill('input[name="title"]', "Quarterly budget review");
    await ana.click('button[type="submit"]');
    await ana.waitForURL(/\/meetings\/m_/);
    const meetingId = ana.url().split("/meetings/")[1];
    await bob.goto(await ana.locator('[data-testid="invite-link"]').inputValue());
    await bob.waitForURL(/\/meetings\/m_/);

    // Turns: Ana speaks, Bob waits, then Bob speaks; the chart follows live on both screens.
    await ana.getByRole("button", { name: "Take the floor" }).click();
    await ana.getByText("You have the floor").waitFor();
    await bob.getByRole("button", { name: "Request to speak" }).click();
    await ana.waitForTimeout(2_500);
    await ana.getByRole("button", { name: "Pass the floor" }).click();
    await bob.getByText("You have the floor").waitFor();
    await bob.locator(`[data-testid="speaking-bar"]`).first().waitFor();
    await expect.poll(() => bob.locator('[data-testid="speaking-bar"]').count()).toBe(2);
    await bob.waitForTimeout(1_500);
    await expect
      .poll(() => ana.locator('[data-testid="record-status"]').textContent())
      .toMatch(/Record verified through event #\d+/);
    await screenshot(ana, "records-room-en-stats");

    // Closed through the phases API, one step at a time.
    for (const to of ["CLARIFICATION", "DECISION", "FEEDBACK", "CLOSED"]) {
      expect(await postMutation(ana, "phases.change", { meetingId, to })).toBe(200);
    }
    await ana.reload();
    await ana.getByTestId("download-json").waitFor(); // members may download once closed
    await screenshot(ana, "records-room-en-closed-member");

    // Ida is made Auditor in the database (the admin console is tested apart), and this instance
    // turns the 2FA policy off so that she signs in with her password only.
    await signUp(await newPage(), env.app.url, "en", { name: "Ida Auditor", email: "ida@example.test" });
    sql(`UPDATE "User" SET "globalRole" = 'AUDITOR' WHERE "email" = ?`, "ida@example.test");
    sql(
      `INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ('security.twoFactorPolicy', '"OFF"', ?)
       ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`,
      Date.now(),
    );

    // The Auditor signs in and finds the closed meeting on the records page.
    const ida = await newPage();
    await ida.goto(`${env.app.url}/en/sign-in`);
    await ida.fill('input[name="email"]', "ida@example.test");
    await ida.fill('input[name="password"]', "correct horse battery");
    await ida.click('button[type="submit"]');
    await ida.waitForURL("**/en/meetings");
    await ida.getByTestId("nav-records").click();
    await ida.waitForURL("**/en/records");
    const row = `[data-testid="record-row"][data-meeting-id="${meetingId}"]`;
    await ida.locator(row).getByText("Quarterly budget review").waitFor();
    await expect.poll(() => ida.locator(row).textContent()).toMatch(/Closed/);
    await expect
      .poll(() => ida.locator(`${row} [data-testid="record-status"]`).getAttribute("data-ok"))
      .toBe("true");
    await screenshot(ida, "records-list-en");

    const json = await download(ida, "download-json", row);
    const pdf = await download(ida, "download-pdf", row);

    // Offline: the standalone verifier, given the key published at the well-known URL.
    const keyUrl = `${env.app.url}/.well-known/orchestrasec-signing-key`;
    const cli = runCliCommand("verify-bundle.ts", [json, "--key", keyUrl]);
    expect(cli.status, cli.stdout + cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`VERIFIED: record of meeting ${meetingId}`);
    const bundleText = readFileSync(json, "utf8");
    const key = await (await fetch(keyUrl)).text();
    expect(verifyBundle(bundleText, key).ok).toBe(true);
    const bundle = JSON.parse(bundleText);
    expect(bundle.events.at(-1)).toMatchObject({ type: "record.exported", data: { format: "json" } });

    const pages = pdfPages(readFileSync(pdf));
    expect(pages.join("\n")).toContain("Minutes: Quarterly budget review");
    expect(pages.join("\n")).toContain("Bob Participant");
    expect(pages.at(-1)).toContain("Verifying this record");

    // The downloads are in the record: the room's activity says so.
    await ida.goto(`${env.app.url}/en/meetings/${meetingId}`);
    await ida.getByTestId("activity").getByText("The meeting’s record was downloaded (PDF)").waitFor();
    await ida.locator('[data-testid="record-status"][data-ok="true"]').waitFor();
    await ida.getByTestId("speaking-chart").waitFor();
    await screenshot(ida, "records-room-en-auditor");

    // Replay: the meeting as it was after any event, stepped through with the keyboard.
    const state = ida.getByTestId("replay-state");
    const shownSeq = async () => Number(await state.getAttribute("data-seq"));
    await ida.getByTestId("replay-slider").focus();
    await ida.keyboard.press("Home");
    await expect.poll(shownSeq).toBe(1);
    expect(await ida.getByTestId("replay-position").textContent()).toMatch(/^After event #1 of \d+$/);
    expect(await ida.getByTestId("replay-phase").textContent()).toBe("Ideation");
    expect(await ida.getByTestId("replay-holder").textContent()).toBe("Nobody");
    // On, one event at a time, to the moment Ana had the floor.
    while ((await ida.getByTestId("replay-holder").textContent()) !== "Ana Facilitator") {
      const before = await shownSeq();
      expect(before, "Ana never held the floor in the replay").toBeLessThan(15);
      await ida.keyboard.press("ArrowRight");
      await expect.poll(shownSeq).toBe(before + 1);
    }
    await screenshot(ida, "records-replay-en");
    await ida.keyboard.press("End");
    await expect.poll(() => ida.getByTestId("replay-phase").textContent()).toBe("Closed");
    expect(await ida.getByTestId("replay-position").textContent()).toMatch(/^Now: after event #\d+ of \d+$/);

    await ida.goto(`${env.app.url}/fr/records`);
    await ida.locator(row).getByText("Intact jusqu’au", { exact: false }).waitFor();
    await screenshot(ida, "records-list-fr");
  });
});
