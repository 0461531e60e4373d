import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app";
import { codeAt, createAccount, enrol, PASSWORD, signedIn, TEST_IP, trySignIn } from "../../helpers/accounts";
import { staffUser } from "../../helpers/routes";
import { ensureAdmin } from "@/server/auth/bootstrap";
import { SIGN_IN_ERRORS } from "@/lib/schemas/sign-in";
import type { SessionUser } from "@/server/auth/session";

// The account events compliance staff expect in the admin audit log, each with who, when and
// from which address, in the same hash chain as the admin actions: a sign-in that passed a
// second factor, a recovery code spent, an account or address locked by failed attempts, and
// the first administrator created from ADMIN_EMAIL.

let app: TestApp;
let auditor: SessionUser;
beforeEach(async () => {
  app = await createTestApp();
  auditor = await staffUser(app, "Ida", "AUDITOR");
});
afterEach(async () => {
  await app.close();
});

/** The entries after `seq`, oldest first, as the admin console lists them. */
async function entriesAfter(seq: number) {
  const { entries } = await app.as(auditor).admin.auditLog({ limit: 100 });
  return entries.filter((e) => e.seq > seq).reverse();
}

const lastSeq = async () => (await app.deps.db.adminAuditHead.findUnique({ where: { id: 1 } }))?.lastSeq ?? 0;

async function chainVerifies() {
  expect(await app.as(auditor).admin.verifyAuditLog()).toEqual({ ok: true, count: await lastSeq() });
}

/** An account with 2FA on, signed out again: its secret and recovery codes. */
async function withTwoFactor(name: string) {
  const account = await createAccount(app, name);
  const { secret, recoveryCodes } = await enrol(app, await signedIn(app, account));
  return { account, secret, recoveryCodes };
}

describe("account events in the admin audit log", () => {
  it("a sign-in with an authenticator code: who, when, from which address", async () => {
    const { account, secret } = await withTwoFactor("Eve");
    const before = await lastSeq();
    app.deps.clock.advance(60_000);
    await signedIn(app, account, await codeAt(app, secret));
    expect(await entriesAfter(before)).toEqual([
      expect.objectContaining({
        at: app.deps.clock.now().toISOString(),
        action: "account.signedInWithSecondFactor",
        details: { method: "totp", ip: TEST_IP },
        actor: expect.objectContaining({ id: account.userId, email: account.email }),
        target: expect.objectContaining({ id: account.userId }),
      }),
    ]);
    await chainVerifies();
  });

  it("a sign-in with a recovery code: the code spent (and how many are left), then the sign-in", async () => {
    const { account, recoveryCodes } = await withTwoFactor("Eve");
    const before = await lastSeq();
    await signedIn(app, account, recoveryCodes[3]);
    expect((await entriesAfter(before)).map((e) => [e.action, e.details, e.actor?.id, e.target?.id])).toEqual(
      [
        ["account.recoveryCodeUsed", { remaining: 9, ip: TEST_IP }, account.userId, account.userId],
        [
          "account.signedInWithSecondFactor",
          { method: "recoveryCode", ip: TEST_IP },
          account.userId,
          account.userId,
        ],
      ],
    );
    await chainVerifies();
  });

  it("a recovery code spent to confirm a change is recorded beside the change", async () => {
    const { account, recoveryCodes } = await withTwoFactor("Eve");
    const session = await signedIn(app, account, recoveryCodes[0]);
    const before = await lastSeq();
    await app.as(session).account.regenerateRecoveryCodes({ code: recoveryCodes[1] });
    expect((await entriesAfter(before)).map((e) => [e.action, e.details])).toEqual([
      ["account.recoveryCodeUsed", { remaining: 8, ip: "unknown" }],
      ["account.recoveryCodesRegenerated", {}],
    ]);
    await chainVerifies();
  });

  it("a wrong or replayed code, and a password-only sign-in, add nothing", async () => {
    const { account, secret } = await withTwoFactor("Eve");
    const plain = await createAccount(app, "Bob");
    const before = await lastSeq();
    const code = await codeAt(app, secret, 1);
    app.deps.clock.advance(30_000);
    await signedIn(app, account, code);
    const after = await lastSeq();
    expect(after).toBe(before + 1);
    expect(await trySignIn(app, { email: account.email, password: PASSWORD, code })).toBe(
      SIGN_IN_ERRORS.replayedCode,
    );
    expect(await trySignIn(app, { email: account.email, password: PASSWORD, code: "abcde12345" })).toBe(
      SIGN_IN_ERRORS.invalidCode,
    );
    await signedIn(app, plain);
    expect(await lastSeq()).toBe(after);
  });

  it("ten failed sign-ins lock the account: the lock, until when, from which address", async () => {
    const account = await createAccount(app, "Eve");
    const before = await lastSeq();
    for (let i = 1; i <= 10; i++) {
      expect(await trySignIn(app, { email: account.email, password: `wrong password ${i}` })).toBe(
        SIGN_IN_ERRORS.invalidCredentials,
      );
      // Past the delay that follows the 5th failure and each one after it (1 s, 2 s, ... 16 s).
      if (i < 10) app.deps.clock.advance(20_000);
      if (i < 10) expect(await lastSeq()).toBe(before);
    }
    const lockedAt = app.deps.clock.now();
    const until = new Date(lockedAt.getTime() + 15 * 60_000).toISOString();
    expect(await entriesAfter(before)).toEqual([
      expect.objectContaining({
        at: lockedAt.toISOString(),
        action: "account.locked",
        details: { until, failures: 10, ip: TEST_IP },
        actor: null,
        target: expect.objectContaining({ id: account.userId, email: account.email }),
      }),
    ]);
    // While locked, attempts are refused before anything is checked: no second lock entry.
    expect(await trySignIn(app, { email: account.email, password: PASSWORD })).toBe(
      `${SIGN_IN_ERRORS.tooManyAttempts}:900`,
    );
    expect(await lastSeq()).toBe(before + 1);
    await chainVerifies();
  });

  it("an email without an account gets no entry; the address locked by failures does", async () => {
    // 49 failures from this address already (the state the limits keep, as 49 attempts leave it).
    const ip = "198.51.100.9";
    const { createHash } = await import("node:crypto");
    await app.deps.db.authAttempt.create({
      data: {
        key: createHash("sha256").update(`ip:${ip}`).digest("hex"),
        scope: "ip",
        failures: 49,
        lastFailureAt: new Date(app.deps.clock.now().getTime() - 61_000),
      },
    });
    const before = await lastSeq();
    expect(await trySignIn(app, { email: "nobody@example.test", password: "guess" }, ip)).toBe(
      SIGN_IN_ERRORS.invalidCredentials,
    );
    const until = new Date(app.deps.clock.now().getTime() + 15 * 60_000).toISOString();
    expect((await entriesAfter(before)).map((e) => [e.action, e.details, e.actor, e.target])).toEqual([
      ["address.locked", { until, failures: 50, ip }, null, null],
    ]);
    await chainVerifies();
  });

  it("the first administrator created from ADMIN_EMAIL at start, by the server", async () => {
    const before = await lastSeq();
    const env = { ADMIN_EMAIL: "Root@Example.test", ADMIN_PASSWORD: "admin password 123" };
    expect(await ensureAdmin(app.deps, env)).toBe("created");
    expect(await ensureAdmin(app.deps, env)).toBe("exists");
    const root = await app.deps.db.user.findUniqueOrThrow({ where: { email: "root@example.test" } });
    expect(await entriesAfter(before)).toEqual([
      expect.objectContaining({
        at: app.deps.clock.now().toISOString(),
        action: "user.createdAtStart",
        details: { email: "root@example.test", name: "root", role: "ADMIN" },
        actor: null,
        target: expect.objectContaining({ id: root.id }),
      }),
    ]);
    await chainVerifies();
  });
});
