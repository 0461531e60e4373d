// The started production server against requests a stray neighbour or an attacker sends: cookies
// that cannot be decoded (on tRPC, the record download, next-auth, pages and the WebSocket: the
// same answers as without them), hostile callbackUrls (never a 5xx, never off the origin), and
// next-auth's URLs when NEXTAUTH_URL is not configured (on the real port).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/server";
import { cookieHeader, postCredentials, signInOverHttp } from "../helpers/next-auth-http";
import { besideBroken, HOSTILE_CALLBACK_URLS, UNDECODABLE_COOKIES } from "../helpers/hostile-requests";
import { wsClientWithCookie } from "../helpers/ws-client";

const PERSON = { name: "Hedy", email: "hedy@example.test", password: "correct horse battery" };

let app: RunningApp;
let session: string;
let meetingId: string;

async function trpc(path: string, cookie: string | undefined, body?: unknown) {
  const response = await fetch(`${app.url}/api/trpc/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  // NEXTAUTH_URL left unset: the server derives it from HOST and PORT. An administrator from the
  // environment, so that PERSON is a plain account (no 2FA enrolment required first).
  app = await startApp({
    NEXTAUTH_URL: "",
    ADMIN_EMAIL: "root@example.test",
    ADMIN_PASSWORD: "root-password-0123",
  });
  expect((await trpc("account.signUp", undefined, PERSON)).status).toBe(200);
  session = cookieHeader(await signInOverHttp(app.url, PERSON));
  expect(session).toContain("next-auth.session-token=");
  ({ meetingId } = (await trpc("meetings.create", session, { title: "Hostile" })).body.result.data);
});
afterAll(async () => {
  await app?.stop();
});

/**
 * Status, Location and body; for a page, instead of its HTML (nonces, times), whether it was
 * rendered for the signed-in person.
 */
async function answer(path: string, cookie: string | undefined) {
  const response = await fetch(`${app.url}${path}`, {
    headers: cookie ? { cookie } : {},
    redirect: "manual",
  });
  const text = await response.text();
  const page = !path.startsWith("/api/");
  return {
    status: response.status,
    location: response.headers.get("location"),
    ...(page ? { forPerson: text.includes(PERSON.name) } : { body: text.replace(/"expires":"[^"]*"/, "") }),
  };
}

describe("a cookie that cannot be decoded is ignored", () => {
  it.each(UNDECODABLE_COOKIES)("over HTTP: tRPC, the record, next-auth and pages (%s)", async (broken) => {
    const record = `/api/meetings/${meetingId}/record?format=json`;
    const signedIn = [
      "/api/trpc/account.me",
      "/api/trpc/meetings.mine",
      record,
      "/api/auth/session",
      "/en/meetings",
    ];
    for (const path of signedIn) {
      const clean = await answer(path, session);
      expect(clean.status, path).toBeLessThan(500);
      expect(await answer(path, besideBroken(session, broken)), path).toEqual(clean);
    }
    // Signed in for real: the first answers are the person's, not a refusal.
    expect(await answer("/api/trpc/account.me", session)).toMatchObject({
      status: 200,
      body: expect.stringContaining(PERSON.email),
    });
    expect(await answer("/en/meetings", session)).toMatchObject({ status: 200, forPerson: true });

    const signedOut = ["/api/trpc/account.me", "/api/trpc/account.status", record, "/en", "/en/meetings"];
    for (const path of signedOut) {
      const clean = await answer(path, undefined);
      expect(clean.status, path).toBeLessThan(500);
      expect(await answer(path, broken), path).toEqual(clean);
    }
  });

  it.each(UNDECODABLE_COOKIES)("over the WebSocket (%s)", async (broken) => {
    const port = Number(new URL(app.url).port);
    const signedIn = wsClientWithCookie(port, besideBroken(session, broken));
    const signedOut = wsClientWithCookie(port, broken);
    try {
      expect(await signedIn.client.account.me.query()).toMatchObject({ email: PERSON.email });
      expect((await signedIn.client.meetings.mine.query()).map((m) => m.meetingId)).toContain(meetingId);
      await expect(signedOut.client.account.me.query()).rejects.toMatchObject({
        data: { code: "UNAUTHORIZED" },
      });
    } finally {
      signedIn.close();
      signedOut.close();
    }
  });
});

describe("hostile callbackUrls", () => {
  /** The app's own origins: the one it was reached on, and the public one next-auth uses. */
  const origins = () => [new URL(app.url).origin, new URL(app.url.replace("localhost", "127.0.0.1")).origin];
  const origin = () => origins()[1];

  /** The URL the browser is sent to: the JSON `url` of the form post, or a Location header. */
  async function destination(response: Response): Promise<string | null> {
    if (response.headers.get("location")) return new URL(response.headers.get("location")!, app.url).href;
    const type = response.headers.get("content-type") ?? "";
    return type.includes("json") ? (((await response.json()) as { url?: string }).url ?? null) : null;
  }

  it.each(HOSTILE_CALLBACK_URLS.map((url) => [JSON.stringify(url).slice(0, 60), url]))(
    "never a 5xx, never off the origin: %s",
    async (_, callbackUrl) => {
      const credentials = { email: PERSON.email, password: PERSON.password };
      const cookieValue = `next-auth.callback-url=${encodeURIComponent(callbackUrl)}`;
      const attempts: [string, Response][] = [
        ["sign-in, as a form field", await postCredentials(app.url, { ...credentials, callbackUrl })],
        ["sign-in, as a cookie", await postCredentials(app.url, credentials, { cookie: cookieValue })],
        [
          "sign-in, in the query",
          await postCredentials(app.url, credentials, {
            query: `?callbackUrl=${encodeURIComponent(callbackUrl)}`,
          }),
        ],
        [
          "session, in the query and a cookie",
          await fetch(`${app.url}/api/auth/session?callbackUrl=${encodeURIComponent(callbackUrl)}`, {
            headers: { cookie: `${cookieValue}; ${session}` },
          }),
        ],
        [
          "sign-in page",
          await fetch(`${app.url}/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`, {
            redirect: "manual",
          }),
        ],
        [
          "sign-out",
          await fetch(`${app.url}/api/auth/signout?callbackUrl=${encodeURIComponent(callbackUrl)}`, {
            redirect: "manual",
            headers: { cookie: cookieValue },
          }),
        ],
      ];
      for (const [what, response] of attempts) {
        expect(response.status, what).toBeLessThan(500);
        const to = await destination(response);
        if (to === null) continue;
        expect(origins(), `${what} -> ${to}`).toContain(new URL(to).origin);
        // Sent to the sign-in page: the way back it carries stays on the origin too.
        const back = new URL(to).searchParams.get("callbackUrl");
        if (back) expect(origins(), `${what} -> ${to}`).toContain(new URL(back, to).origin);
      }
    },
  );

  it("a safe callbackUrl is kept", async () => {
    const response = await postCredentials(app.url, {
      email: PERSON.email,
      password: PERSON.password,
      callbackUrl: "/fr/meetings?tab=1",
    });
    expect(await destination(response)).toBe(`${origin()}/fr/meetings?tab=1`);
  });
});

describe("NEXTAUTH_URL unset", () => {
  it("next-auth builds its URLs on the server's real address and port, and does not warn", async () => {
    const providers = (await (await fetch(`${app.url}/api/auth/providers`)).json()) as {
      credentials: { signinUrl: string; callbackUrl: string };
    };
    const port = new URL(app.url).port;
    expect(providers.credentials).toMatchObject({
      signinUrl: `http://127.0.0.1:${port}/api/auth/signin/credentials`,
      callbackUrl: `http://127.0.0.1:${port}/api/auth/callback/credentials`,
    });
    expect(app.output()).toContain(`OrchestraSec ready on http://127.0.0.1:${port}`);
    expect(app.output()).not.toMatch(/\[next-auth\]\[warn\]\[NEXTAUTH_URL\]/);
  });
});
