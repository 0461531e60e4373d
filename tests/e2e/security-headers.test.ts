// The started production server: security headers on every page, session cookies that are
// httpOnly, SameSite=Lax, expiring, and Secure (with the __Secure- prefix) behind HTTPS, and
// sign-in limits keyed on the real client address (which a client cannot choose).
import { createHash } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/server";
import { CLIENT_IP_HEADER } from "@/server/auth/client-ip";

const ADMIN = { ADMIN_EMAIL: "root@example.test", ADMIN_PASSWORD: "root-password-0123" };
const PERSON = { name: "Hedy", email: "hedy@example.test", password: "correct horse battery" };

let app: RunningApp;
beforeAll(async () => {
  app = await startApp(ADMIN);
});
afterAll(async () => {
  await app?.stop();
});

/** Signs in through next-auth's own endpoints, as the browser does; returns the Set-Cookie lines. */
async function signIn(baseUrl: string, who: { email: string; password: string }): Promise<string[]> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email: who.email, password: who.password, json: "true" }),
  });
  return response.headers.getSetCookie();
}

async function signUp(baseUrl: string) {
  const response = await fetch(`${baseUrl}/api/trpc/account.signUp`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(PERSON),
  });
  expect(response.status).toBe(200);
}

function checkHeaders(response: Response, what: string) {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toContain("unsafe-eval");
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("x-frame-options"), what).toBe("DENY");
  expect(response.headers.get("x-powered-by"), what).toBeNull();
}

describe("security headers", () => {
  it("are on every page, public or signed in, and on errors and API answers", async () => {
    await signUp(app.url);
    const session = (await signIn(app.url, PERSON)).map((c) => c.split(";")[0]).join("; ");
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
    const csrf = await fetch(`${app.url}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    await fetch(`${app.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: csrf.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; "),
        [CLIENT_IP_HEADER]: "203.0.113.99",
      },
      body: new URLSearchParams({
        csrfToken,
        email: "nobody@example.test",
        password: "again wrong",
        json: "true",
      }),
    });
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
