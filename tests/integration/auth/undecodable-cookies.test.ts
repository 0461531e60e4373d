import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app";
import { cookieOf, serveWith, staffUser } from "../../helpers/routes";
import { wsClientWithCookie } from "../../helpers/ws-client";
import { besideBroken, UNDECODABLE_COOKIES } from "../../helpers/hostile-requests";
import { attachTrpcWebSocket } from "@/server/realtime/ws-server";
import type { SessionUser } from "@/server/auth/session";

// Cookies of other applications on the same host reach us too. One whose %-escapes cannot be
// decoded used to make every tRPC call, download and WebSocket answer 500 ("URI malformed") until
// the person removed it. Now such a cookie is ignored: every answer is the one given without it.

let app: TestApp;
let ana: SessionUser;
let auditor: SessionUser;
let meetingId: string;
let server: Server;
let port: number;
let realtime: { close(): void };

beforeAll(async () => {
  app = await createTestApp();
  serveWith(app.deps);
  ana = await app.user("Ana");
  auditor = await staffUser(app, "Ida", "AUDITOR");
  ({ meetingId } = await app.as(ana).meetings.create({ title: "Cookies" }));
  server = createServer((_, res) => res.end());
  realtime = attachTrpcWebSocket(server, app.deps);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  realtime?.close();
  if (server) await new Promise((r) => server.close(r));
  await app?.close();
});

async function trpcGet(path: string, cookie: string | undefined) {
  const { GET } = await import("@/app/api/trpc/[trpc]/route");
  const res = await GET(
    new Request(`http://localhost:3000/api/trpc/${path}`, { headers: cookie ? { cookie } : {} }),
  );
  return { status: res.status, body: await res.json() };
}

async function download(cookie: string | undefined) {
  const { GET } = await import("@/app/api/meetings/[meetingId]/record/route");
  const res = await GET(
    new Request(`http://localhost:3000/api/meetings/${meetingId}/record?format=json`, {
      headers: cookie ? { cookie } : {},
    }),
    { params: Promise.resolve({ meetingId }) },
  );
  const text = await res.text();
  // Every download is logged, so bodies differ by their last event: compare who got what.
  if (res.status !== 200) return { status: res.status, body: JSON.parse(text) };
  const bundle = JSON.parse(text) as { meeting: { id: string }; exported: { by: string } };
  return { status: res.status, meeting: bundle.meeting.id, by: bundle.exported.by };
}

describe("a cookie that cannot be decoded is ignored", () => {
  it.each(UNDECODABLE_COOKIES)("over tRPC HTTP, signed in and signed out: %s", async (broken) => {
    const session = await cookieOf(ana);
    const signedIn = await trpcGet("account.me", session);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.result.data.userId).toBe(ana.userId);
    expect(await trpcGet("account.me", besideBroken(session, broken))).toEqual(signedIn);
    expect(await trpcGet("meetings.mine", besideBroken(session, broken))).toEqual(
      await trpcGet("meetings.mine", session),
    );

    const signedOut = await trpcGet("account.me", undefined);
    expect(signedOut.status).toBe(401);
    expect(await trpcGet("account.me", broken)).toEqual(signedOut);
    expect(await trpcGet("account.status", broken)).toEqual(await trpcGet("account.status", undefined));
  });

  it.each(UNDECODABLE_COOKIES)("on the record download: %s", async (broken) => {
    const session = await cookieOf(auditor);
    const allowed = await download(session);
    expect(allowed).toEqual({ status: 200, meeting: meetingId, by: auditor.userId });
    expect(await download(besideBroken(session, broken))).toEqual(allowed);
    const refused = await download(undefined);
    expect(refused.status).toBe(401);
    expect(await download(broken)).toEqual(refused);
  });

  it("a session cookie that is itself undecodable counts as no session, not as an error", async () => {
    expect(await trpcGet("account.me", "next-auth.session-token=%zz")).toEqual(
      await trpcGet("account.me", undefined),
    );
  });

  it.each(UNDECODABLE_COOKIES)("over the WebSocket, signed in and signed out: %s", async (broken) => {
    const session = await cookieOf(ana);
    const signedIn = wsClientWithCookie(port, besideBroken(session, broken));
    const signedOut = wsClientWithCookie(port, broken);
    try {
      expect(await signedIn.client.account.me.query()).toMatchObject({ userId: ana.userId });
      expect(await signedIn.client.meetings.mine.query()).toEqual(await app.as(ana).meetings.mine());
      await expect(signedOut.client.account.me.query()).rejects.toMatchObject({
        data: { code: "UNAUTHORIZED" },
      });
      expect(await signedOut.client.account.status.query()).toEqual(await app.as(null).account.status());
    } finally {
      signedIn.close();
      signedOut.close();
    }
  });
});
