import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app";
import { codeAt, createAccount, enrol, signedIn, TEST_IP, trySignIn } from "../../helpers/accounts";
import { SIGN_IN_ERRORS } from "@/lib/schemas/sign-in";
import { IP_RATE_LIMIT, RATE_LIMIT } from "@/server/security/rate-limit-policy";
import { createPrisma } from "@/server/db/client";
import { signInWithCredentials } from "@/server/auth/sign-in";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(async () => {
  await app.close();
});

const throttled = (seconds: number) => `${SIGN_IN_ERRORS.tooManyAttempts}:${seconds}`;

/** `n` wrong passwords for `email`, each as soon as allowed; returns the error texts seen. */
async function failFor(email: string, n: number, ip?: string) {
  const seen: string[] = [];
  for (let i = 0; i < n; i++)
    seen.push((await trySignIn(app, { email, password: "wrong password!" }, ip)) as string);
  return seen;
}

describe("sign-in rate limit, per account", () => {
  it("engages after 5 failures with a growing delay, locks after 10, and releases with the clock", async () => {
    const account = await createAccount(app, "Eve");
    const right = { email: account.email, password: account.password };
    expect(await failFor(account.email, 5)).toEqual(Array(5).fill(SIGN_IN_ERRORS.invalidCredentials));

    // Throttled: refused before the password is even checked, the right one included.
    expect(await trySignIn(app, right)).toBe(throttled(1));
    app.deps.clock.advance(1_000);
    expect(await failFor(account.email, 1)).toEqual([SIGN_IN_ERRORS.invalidCredentials]);
    expect(await trySignIn(app, right)).toBe(throttled(2));
    for (let i = 0; i < 3; i++) {
      app.deps.clock.advance(60_000);
      await failFor(account.email, 1);
    }
    app.deps.clock.advance(60_000);
    await failFor(account.email, 1); // the 10th failure: locked for 15 minutes
    app.deps.clock.advance(60_000);
    expect(await trySignIn(app, right)).toBe(throttled(14 * 60));
    app.deps.clock.advance(14 * 60_000 - 1);
    expect(await trySignIn(app, right)).toBe(throttled(1));
    app.deps.clock.advance(1);
    expect(await trySignIn(app, right)).toMatchObject({ id: account.userId });
    // A success clears the streak.
    expect(await failFor(account.email, 5)).toEqual(Array(5).fill(SIGN_IN_ERRORS.invalidCredentials));
  });

  it("answers an unknown email exactly like an existing one", async () => {
    const account = await createAccount(app, "Eve");
    const unknown = "nobody-here@example.test";
    const sequence = async (email: string) => {
      const seen = await failFor(email, 7);
      app.deps.clock.advance(1_000);
      seen.push(...(await failFor(email, 2)));
      return seen;
    };
    const known = await sequence(account.email);
    expect(await sequence(unknown)).toEqual(known);
    expect(known).toContain(throttled(1));
  });

  it("counts wrong second-factor codes too", async () => {
    const account = await createAccount(app, "Eve");
    const { secret } = await enrol(app, await signedIn(app, account));
    const creds = { email: account.email, password: account.password };
    for (let i = 0; i < RATE_LIMIT.freeFailures; i++) {
      expect(await trySignIn(app, { ...creds, code: "000000" })).toBe(SIGN_IN_ERRORS.invalidCode);
    }
    expect(await trySignIn(app, { ...creds, code: await codeAt(app, secret, 1) })).toBe(throttled(1));
    app.deps.clock.advance(1_000);
    expect(await trySignIn(app, { ...creds, code: await codeAt(app, secret, 1) })).toMatchObject({
      mfa: true,
    });
  });

  it("throttles code checks of signed-in commands (turning 2FA off)", async () => {
    const account = await createAccount(app, "Eve");
    const { session } = await enrol(app, await signedIn(app, account));
    for (let i = 0; i < RATE_LIMIT.freeFailures; i++) {
      await expect(app.as(session).account.disableTwoFactor({ code: "000000" })).rejects.toMatchObject({
        message: "That code is not valid. Check the time on your device and try again.",
      });
    }
    await expect(app.as(session).account.disableTwoFactor({ code: "000000" })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      data: { refusal: { code: "TOO_MANY_ATTEMPTS" } },
    });
  });

  it("holds across a restart: the state is in the database, keyed by hashes", async () => {
    const account = await createAccount(app, "Eve");
    await failFor(account.email, 5);
    const rows = await app.deps.db.authAttempt.findMany();
    expect(rows.map((r) => r.scope).sort()).toEqual(["account", "ip"]);
    expect(JSON.stringify(rows)).not.toContain(account.email);
    expect(JSON.stringify(rows)).not.toContain(TEST_IP);

    // A new process: its own database client and nothing in memory from the old one.
    const db = createPrisma(app.database.url);
    try {
      const restarted = { ...app.deps, db };
      await expect(
        signInWithCredentials(restarted, { email: account.email, password: account.password }, TEST_IP),
      ).rejects.toThrow(throttled(1));
    } finally {
      await db.$disconnect();
    }
  });
});

describe("sign-in rate limit, per IP", () => {
  it("slows one address trying many accounts, and leaves other addresses alone", async () => {
    const victim = await createAccount(app, "Eve");
    const ip = "198.51.100.9";
    for (let i = 0; i < IP_RATE_LIMIT.freeFailures; i++) {
      // A different email each time: no account streak ever starts.
      expect(await trySignIn(app, { email: `guess${i}@example.test`, password: "wrong password!" }, ip)).toBe(
        SIGN_IN_ERRORS.invalidCredentials,
      );
    }
    expect(await trySignIn(app, { email: victim.email, password: victim.password }, ip)).toBe(throttled(1));
    expect(
      await trySignIn(app, { email: victim.email, password: victim.password }, "192.0.2.1"),
    ).toMatchObject({
      id: victim.userId,
    });
  });
});
