import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, codeOf, type TestApp } from "../helpers/app";
import type { SessionUser } from "@/server/auth/session";
import { clientError } from "../helpers/client-error";

let app: TestApp;
let fac: SessionUser, bob: SessionUser, obs: SessionUser;
let meetingId: string;

beforeAll(async () => {
  app = await createTestApp();
  fac = await app.user("Ana");
  bob = await app.user("Bob");
  obs = await app.user("Olga");
  ({ meetingId } = await app.as(fac).meetings.create({ title: "Errors" }));
  const { meeting } = await app.room(fac, meetingId);
  await app.as(bob).meetings.join({ inviteCode: meeting.inviteCode });
  await app.as(obs).meetings.join({ inviteCode: meeting.inviteCode });
  await app.as(fac).meetings.setRole({ meetingId, userId: obs.userId, role: "OBSERVER" });
});
afterAll(() => app?.close());

describe("bad input gets a clear error, never a 500", () => {
  it("unknown meeting -> NOT_FOUND", async () => {
    expect(await codeOf(app.as(bob).tokens.request({ meetingId: "m_nope" }))).toBe("NOT_FOUND");
    expect(await codeOf(app.as(bob).meetings.room({ meetingId: "m_nope" }))).toBe("NOT_FOUND");
    expect(await codeOf(app.as(bob).meetings.join({ inviteCode: "doesnotexist" }))).toBe("NOT_FOUND");
  });

  it("a participant granting -> FORBIDDEN; an observer requesting -> FORBIDDEN", async () => {
    expect(await codeOf(app.as(bob).tokens.grant({ meetingId, userId: bob.userId }))).toBe("FORBIDDEN");
    expect(await codeOf(app.as(obs).tokens.request({ meetingId }))).toBe("FORBIDDEN");
  });

  it("an empty or a 10,000-character title -> BAD_REQUEST with the zod message", async () => {
    expect(await clientError(app.as(fac).meetings.create({ title: "   " }))).toEqual({
      code: "BAD_REQUEST",
      message: "The title is required.",
    });
    expect(await clientError(app.as(fac).meetings.create({ title: "x".repeat(10_000) }))).toEqual({
      code: "BAD_REQUEST",
      message: "The title is at most 200 characters.",
    });
  });

  it("a second request by someone already queued -> CONFLICT", async () => {
    await app.as(fac).tokens.request({ meetingId }); // takes the free token
    await app.as(bob).tokens.request({ meetingId });
    expect(await clientError(app.as(bob).tokens.request({ meetingId }))).toEqual({
      code: "CONFLICT",
      message: "You are already in the queue.",
    });
  });

  it("no session -> UNAUTHORIZED; malformed ids and roles -> BAD_REQUEST", async () => {
    expect(await codeOf(app.as(null).meetings.mine())).toBe("UNAUTHORIZED");
    expect(await codeOf(app.as(null).tokens.request({ meetingId }))).toBe("UNAUTHORIZED");
    expect(
      await codeOf(
        app.as(fac).meetings.setRole({ meetingId, userId: bob.userId, role: "KING" as "OBSERVER" }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await codeOf(app.as(fac).meetings.configure({ meetingId, turnLimitSec: 1.5 }))).toBe(
      "BAD_REQUEST",
    );
  });
});
