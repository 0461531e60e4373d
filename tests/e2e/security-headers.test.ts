// The started production server: security headers on every page (a Content-Security-Policy whose
// scripts need a per-request nonce: no 'unsafe-inline'), every page working in Chromium under
// it, session cookies that are httpOnly, SameSite=Lax, expiring, and Secure (with the __Secure-
// prefix) behind HTTPS, and sign-in limits keyed on the real client address (which a client
// cannot choose).
import { createHash } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startApp, type RunningApp } from "../helpers/server";
import { enrolTwoFactor, launchBrowser, screenshot } from "../helpers/browser";
import { cookieHeader, postCredentials, signInOverHttp } from "../helpers/next-auth-http";
import { CLIENT_IP_HEADER } from "@/server/auth/client-ip";

const ADMIN = { ADMIN_EMAIL: "root@example.test", ADMIN_PASSWORD: "root-password-0123" };
const ADMIN_ACCOUNT = { email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD };
const PERSON = { name: "Hedy", email: "hedy@example.test", password: "correct horse battery" };

let app: RunningApp;
beforeAll(async () => {
  app = await startApp(ADMIN);
});
afterAll(async () => {
  await app?.stop();
});

const signIn = signInOverHttp;

async function signUp(baseUrl: string) {
  const response = await fetch(`${baseUrl}/api/trpc/account.signUp`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(PERSON),
  });
  expect(response.status).toBe(200);
}

/** The sources of one directive of a policy. */
function directive(csp: string, name: string): string[] {
  const found = csp
    .split(";")
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name);
  return found ? found.slice(1) : [];
}

function checkHeaders(response: Response, what: string) {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toContain("unsafe-eval");
  // Scripts: this origin's files, and on pages the ones carrying this response's nonce; never
  // an inline script an attacker could inject.
  expect(directive(csp, "script-src"), what).toContain("'self'");
  expect(directive(csp, "script-src"), what).not.toContain("'unsafe-inline'");
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("x-frame-options"), what).toBe("DENY");
  expect(response.headers.get("x-powered-by"), what).toBeNull();
}

describe("security headers", () => {
  it("are on every page, public or signed in, and on errors and API answers", async () => {
    await signUp(app.url);
    const session = cookieHeader(await signIn(app.url, PERSON));
    const pages: [string, Record<string, string>][] = [
      ["/en", {}],
      ["/fr/sign-in", {}],
      ["/en/sign-up", {}],
      ["/en/meetings", { cookie: session }],
      ["/fr/account/security", { cookie: session }],
      ["/en/admin/users", { cookie: session }],
      ["/en/no-such-page", {}],
      ["/api/trpc/account.status", {}],
      ["/api/admin/audit/export", { cookie: session }],
    ];
    for (const [path, headers] of pages) {
      const response = await fetch(`${app.url}${path}`, { headers, redirect: "manual" });
      expect(response.status, path).toBeLessThan(500);
      checkHeaders(response, path);
    }
  });
});

const nonceOf = (csp: string) =>
  directive(csp, "script-src")
    .map((source) => /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(source)?.[1])
    .find(Boolean);

describe("script nonces", () => {
  it("every page gets a fresh nonce, on every script it holds; other answers allow no script", async () => {
    for (const path of ["/en", "/fr/sign-in", "/en/sign-up"]) {
      const [first, second] = [await fetch(`${app.url}${path}`), await fetch(`${app.url}${path}`)];
      const nonce = nonceOf(first.headers.get("content-security-policy")!);
      expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(directive(first.headers.get("content-security-policy")!, "script-src"), path).toContain(
        "'strict-dynamic'",
      );
      expect(nonceOf(second.headers.get("content-security-policy")!), path).not.toBe(nonce);
      const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      expect(
        scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`)),
        path,
      ).toEqual([]);
    }
    for (const path of ["/api/trpc/account.status", "/api/auth/csrf", "/icon.svg"]) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(directive(response.headers.get("content-security-policy") ?? "", "script-src"), path).toEqual([
        "'self'",
      ]);
    }
  });
});

describe("every page in Chromium under the policy", () => {
  const VISITOR = { name: "Vera", email: "vera@example.test", password: "correct horse battery" };

  /** Opens `path` (or waits for the current navigation), then checks it hydrated and ran freely. */
  async function works(page: Page, path: string | null, violations: string[]) {
    if (path) await page.goto(`${app.url}${path}`);
    await page.waitForLoadState("networkidle");
    // React attaches its fiber to the DOM once the page's scripts ran and hydrated it.
    await page.waitForFunction(() => {
      const main = document.querySelector("main");
      return main !== null && Object.keys(main).some((k) => k.startsWith("__react"));
    });
    expect(violations, page.url()).toEqual([]);
  }

  it("hydrates and works: sign-in, meetings, a room, account, records and admin pages", async () => {
    await fetch(`${app.url}/api/trpc/account.signUp`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(VISITOR),
    });
    const browser = await launchBrowser();
    try {
      const violations: string[] = [];
      const newPage = async (locale: string) => {
        const context = await browser.newContext({ locale });
        const page = await context.newPage();
        page.on("console", (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
        });
        page.on("pageerror", (e) => violations.push(`page error: ${e.message}`));
        return page;
      };
      const signInThroughForm = async (
        page: Page,
        locale: string,
        who: { email: string; password: string },
      ) => {
        await works(page, `/${locale}/sign-in`, violations);
        await page.fill('input[name="email"]', who.email);
        await page.fill('input[name="password"]', who.password);
        await page.click('button[type="submit"]');
      };

      const vera = await newPage("fr");
      await works(vera, "/fr", violations);
      await works(vera, "/en/sign-up", violations);
      await signInThroughForm(vera, "fr", VISITOR);
      await vera.waitForURL("**/fr/meetings");
      await works(vera, null, violations);
      await vera.fill('input[name="title"]', "Under CSP");
      await vera.click('button[type="submit"]');
      await vera.waitForURL(/\/meetings\/m_/);
      await works(vera, null, violations);
      // The room's live parts run: the invite link is filled in by a client effect.
      await expect
        .poll(() => vera.locator('[data-testid="invite-link"]').inputValue())
        .toContain("/fr/join/");
      await screenshot(vera, "csp-room");
      for (const path of ["/fr/account", "/fr/account/security", "/fr/account/password", "/fr/records"]) {
        await works(vera, path, violations);
      }

      const root = await newPage("en");
      await signInThroughForm(root, "en", ADMIN_ACCOUNT);
      await root.waitForURL("**/en/account/security**");
      await enrolTwoFactor(root);
      await root.waitForURL("**/en/meetings");
      for (const path of ["/en/admin/users", "/en/admin/settings", "/en/admin/audit"]) {
        await works(root, path, violations);
      }
      await root.getByTestId("audit-entry").first().waitFor();
      await screenshot(root, "csp-admin-audit");
    } finally {
      await browser.close();
    }
  });
});

describe("session cookie", () => {
  it("is httpOnly, SameSite=Lax and expires with the session, over plain HTTP", async () => {
    const cookies = await signIn(app.url, PERSON);
    const session = cookies.find((c) => c.startsWith("next-auth.session-token="));
    expect(session).toBeDefined();
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    expect(session).toMatch(/; Path=\//i);
    expect(session).not.toMatch(/; Secure/i);
    const expires = Date.parse(/Expires=([^;]+)/i.exec(session!)![1]);
    // 8 hours from now, give or take the request.
    expect(Math.abs(expires - (Date.now() + 8 * 3600_000))).toBeLessThan(60_000);
  });

  it("is Secure, with the __Secure- prefix, when the public URL is HTTPS", async () => {
    const secure = await startApp({ ...ADMIN, NEXTAUTH_URL: "https://orchestrasec.example" });
    try {
      await signUp(secure.url);
      const cookies = await signIn(secure.url, PERSON);
      const session = cookies.find((c) => c.startsWith("__Secure-next-auth.session-token="));
      expect(session, cookies.join("\n")).toBeDefined();
      expect(session).toMatch(/; Secure/i);
      expect(session).toMatch(/; HttpOnly/i);
      expect(session).toMatch(/; SameSite=Lax/i);
    } finally {
      await secure.stop();
    }
  });
});

describe("sign-in limits over HTTP", () => {
  it("count failures under the connection's address, whatever the client claims", async () => {
    await signIn(app.url, { email: "nobody@example.test", password: "wrong password!" });
    // A client sending the internal header itself: overwritten by the server.
    await postCredentials(
      app.url,
      { email: "nobody@example.test", password: "again wrong" },
      { headers: { [CLIENT_IP_HEADER]: "203.0.113.99" } },
    );
    const db = new Database(path.join(app.dataDir, "app.db"), { readonly: true });
    try {
      const rows = db.prepare(`SELECT "key", "failures" FROM "AuthAttempt" WHERE "scope" = 'ip'`).all() as {
        key: string;
        failures: number;
      }[];
      const keyOf = (ip: string) => createHash("sha256").update(`ip:${ip}`).digest("hex");
      const loopback = rows.find((r) =>
        [keyOf("127.0.0.1"), keyOf("::ffff:127.0.0.1"), keyOf("::1")].includes(r.key),
      );
      expect(loopback?.failures).toBe(2);
      expect(rows.map((r) => r.key)).not.toContain(keyOf("203.0.113.99"));
      expect(rows.map((r) => r.key)).not.toContain(keyOf("unknown"));
    } finally {
      db.close();
    }
  });
});
