import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { codeOf, createTestApp, type TestApp } from "../../helpers/app";
import { codeAt, createAccount, enrol, sessionOf, signedIn, trySignIn } from "../../helpers/accounts";
import { SIGN_IN_ERRORS } from "@/lib/schemas/sign-in";
import { TOTP_CODE_MESSAGE } from "@/lib/schemas/security";
import { resolveSession } from "@/server/auth/session";
import type { AuthorizedUser } from "@/server/auth/sign-in";
import { createSecretBox, generateKeyEntry, parseKeyring } from "@/server/security/secret-box";
import { resealTotpSecrets } from "@/server/services/secret-rotation";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(async () => {
  await app.close();
});

const userRow = (id: string) => app.deps.db.user.findUniqueOrThrow({ where: { id } });

describe("2FA enrolment", () => {
  it("shows the secret as QR + text, confirms with a code, and returns 10 recovery codes once", async () => {
    const account = await createAccount(app, "Eve");
    const session = await signedIn(app, account);
    const started = await app.as(session).account.beginTwoFactor();
    expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.otpauthUri).toContain(`secret=${started.secret}`);
    expect(started.otpauthUri).toContain(encodeURIComponent(account.email));
    expect(started.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await userRow(account.userId)).totpEnabledAt).toBeNull();

    const done = await app.as(session).account.confirmTwoFactor({ code: await codeAt(app, started.secret) });
    expect(done.recoveryCodes).toHaveLength(10);
    expect(new Set(done.recoveryCodes).size).toBe(10);
    const row = await userRow(account.userId);
    expect(row.totpEnabledAt).toEqual(app.deps.clock.now());
    expect(row.totpPendingEnc).toBeNull();
    expect(row.sessionVersion).toBe(1);
    expect(await app.as(session).account.twoFactorStatus()).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });

    // Every older session ends; the ticket gives this browser a new one that passed the factor.
    expect(await resolveSession(app.deps.db, { sub: account.userId, sv: 0 })).toBeNull();
    const renewed = (await trySignIn(app, { ticket: done.ticket })) as AuthorizedUser;
    expect(renewed).toMatchObject({ id: account.userId, sv: 1, mfa: true });
    expect(await sessionOf(app, renewed)).toMatchObject({
      userId: account.userId,
      mfa: true,
      restriction: null,
    });
  });

  it("refuses a 5-digit code, a non-numeric code and a wrong code, changing nothing", async () => {
    const session = await signedIn(app, await createAccount(app, "Eve"));
    const { secret } = await app.as(session).account.beginTwoFactor();
    const before = await userRow(session.userId);
    const right = await codeAt(app, secret);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    for (const code of [right.slice(1), "12a456", "abcdef", ""]) {
      await expect(app.as(session).account.confirmTwoFactor({ code })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining(TOTP_CODE_MESSAGE),
      });
    }
    await expect(app.as(session).account.confirmTwoFactor({ code: wrong })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "That code is not valid. Check the time on your device and try again.",
    });
    expect(await userRow(session.userId)).toEqual(before);
    expect(await app.deps.db.recoveryCode.count()).toBe(0);
    expect(await app.deps.db.adminAuditEvent.count()).toBe(0);
  });

  it("keeps secrets encrypted at rest: no TOTP secret or recovery code in any table", async () => {
    const session = await signedIn(app, await createAccount(app, "Eve"));
    const { secret, recoveryCodes } = await enrol(app, session);
    const row = await userRow(session.userId);
    expect(row.totpSecretEnc).toMatch(/^v1\.test\./);
    expect(app.deps.secrets.decrypt(row.totpSecretEnc!, `totp:${session.userId}`)).toBe(secret);

    // Read every row of every table straight from the database, as an attacker with a copy would.
    const tables =
      app.database.provider === "sqlite"
        ? await app.deps.db.$queryRawUnsafe<{ name: string }[]>(
            `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
          )
        : await app.deps.db.$queryRawUnsafe<{ name: string }[]>(
            `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
          );
    let dump = "";
    for (const { name } of tables) {
      dump += JSON.stringify(await app.deps.db.$queryRawUnsafe(`SELECT * FROM "${name}"`), (_k, v) =>
        typeof v === "bigint" ? String(v) : v,
      );
    }
    expect(dump).toContain(session.email); // the dump is real
    expect(dump).not.toContain(secret);
    expect(dump.toLowerCase()).not.toContain(secret.toLowerCase());
    for (const code of recoveryCodes) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replace("-", ""));
    }
  });

  it("refuses to start again once on", async () => {
    const session = await signedIn(app, await createAccount(app, "Eve"));
    const { session: renewed } = await enrol(app, session);
    await expect(app.as(renewed).account.beginTwoFactor()).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Two-factor authentication is already on.",
    });
  });
});

describe("sign-in with a second factor", () => {
  async function enrolled() {
    const account = await createAccount(app, "Eve");
    const { secret, recoveryCodes } = await enrol(app, await signedIn(app, account));
    return { account, secret, recoveryCodes };
  }

  it("asks for the code after a right password only, then accepts it once", async () => {
    const { account, secret } = await enrolled();
    const creds = { email: account.email, password: account.password };
    expect(await trySignIn(app, { ...creds, password: "wrong password!" })).toBe(
      SIGN_IN_ERRORS.invalidCredentials,
    );
    expect(await trySignIn(app, creds)).toBe(SIGN_IN_ERRORS.secondFactorRequired);

    // The enrolment used the current step: the next one is fresh.
    const code = await codeAt(app, secret, 1);
    const user = await trySignIn(app, { ...creds, code });
    expect(user).toMatchObject({ id: account.userId, mfa: true });
    expect(await sessionOf(app, user as AuthorizedUser)).toMatchObject({ mfa: true, restriction: null });

    // Replay: the same code again, or the older one, is refused; a later one works.
    expect(await trySignIn(app, { ...creds, code })).toBe(SIGN_IN_ERRORS.replayedCode);
    expect(await trySignIn(app, { ...creds, code: await codeAt(app, secret) })).toBe(
      SIGN_IN_ERRORS.replayedCode,
    );
    app.deps.clock.advance(60_000);
    expect(await trySignIn(app, { ...creds, code: await codeAt(app, secret) })).toMatchObject({ mfa: true });
  });

  it("refuses wrong, short and non-numeric codes with a clear error", async () => {
    const { account, secret } = await enrolled();
    const creds = { email: account.email, password: account.password };
    const right = await codeAt(app, secret, 1);
    for (const code of [right.slice(0, 5), "abcdef", "12345678", "zzzzz-zzzzz"]) {
      expect(await trySignIn(app, { ...creds, code })).toBe(SIGN_IN_ERRORS.invalidCode);
    }
    expect((await userRow(account.userId)).totpLastStep).not.toBeNull();
  });

  it("accepts each recovery code once, however it is typed", async () => {
    const { account, recoveryCodes } = await enrolled();
    const creds = { email: account.email, password: account.password };
    const spaced = ` ${recoveryCodes[3].toUpperCase().replace("-", " ")} `;
    expect(await trySignIn(app, { ...creds, code: spaced })).toMatchObject({ id: account.userId, mfa: true });
    expect(await trySignIn(app, { ...creds, code: recoveryCodes[3] })).toBe(SIGN_IN_ERRORS.invalidCode);
    const renewed = await signedIn(app, account, recoveryCodes[4]);
    expect(await app.as(renewed).account.twoFactorStatus()).toMatchObject({ recoveryCodesLeft: 8 });
  });

  it("lets only one of two simultaneous sign-ins with the same code through", async () => {
    const { account, secret } = await enrolled();
    const code = await codeAt(app, secret, 1);
    const creds = { email: account.email, password: account.password, code };
    const results = await Promise.all([trySignIn(app, creds), trySignIn(app, creds), trySignIn(app, creds)]);
    expect(results.filter((r) => typeof r !== "string")).toHaveLength(1);
  });

  it("refuses a token that never passed the second factor", async () => {
    const { account } = await enrolled();
    const row = await userRow(account.userId);
    expect(await resolveSession(app.deps.db, { sub: account.userId, sv: row.sessionVersion })).toBeNull();
    expect(
      await resolveSession(app.deps.db, { sub: account.userId, sv: row.sessionVersion, mfa: true }),
    ).not.toBeNull();
  });

  it("refuses a forged, altered or expired ticket", async () => {
    const { account } = await enrolled();
    const session = await signedIn(app, account, (await enrolledCode(account.userId)) ?? undefined);
    const { ticket } = await app.as(session).account.changePassword({
      currentPassword: account.password,
      newPassword: "another good password",
    });
    const flipped = ticket.slice(0, -3) + (ticket.at(-3) === "A" ? "B" : "A") + ticket.slice(-2);
    expect(await trySignIn(app, { ticket: flipped })).toBe(SIGN_IN_ERRORS.ticketInvalid);
    expect(await trySignIn(app, { ticket: "v1.test.aaaa.bbbb.cccc" })).toBe(SIGN_IN_ERRORS.ticketInvalid);
    app.deps.clock.advance(3 * 60_000);
    expect(await trySignIn(app, { ticket })).toBe(SIGN_IN_ERRORS.ticketInvalid);
  });
});

/** A fresh code for an enrolled account, read from its stored secret (test-only shortcut). */
async function enrolledCode(userId: string): Promise<string | null> {
  const row = await userRow(userId);
  if (!row.totpSecretEnc) return null;
  app.deps.clock.advance(30_000);
  return codeAt(app, app.deps.secrets.decrypt(row.totpSecretEnc, `totp:${userId}`));
}

describe("recovery codes and turning 2FA off", () => {
  it("regenerates codes with a current code: the old ones stop working", async () => {
    const account = await createAccount(app, "Eve");
    const { secret, recoveryCodes, session } = await enrol(app, await signedIn(app, account));
    await expect(app.as(session).account.regenerateRecoveryCodes({ code: "12345" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const { recoveryCodes: fresh } = await app.as(session).account.regenerateRecoveryCodes({
      code: await codeAt(app, secret, 1),
    });
    expect(fresh).toHaveLength(10);
    const creds = { email: account.email, password: account.password };
    expect(await trySignIn(app, { ...creds, code: recoveryCodes[0] })).toBe(SIGN_IN_ERRORS.invalidCode);
    expect(await trySignIn(app, { ...creds, code: fresh[0] })).toMatchObject({ mfa: true });
  });

  it("turns off with a current code for a plain user, never for a role the policy covers", async () => {
    const user = await createAccount(app, "Eve");
    const { secret, session } = await enrol(app, await signedIn(app, user));
    await expect(
      app.as(session).account.disableTwoFactor({ code: await codeAt(app, secret) }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "That code was already used. Wait for the next code in your app.",
    });
    await app.as(session).account.disableTwoFactor({ code: await codeAt(app, secret, 1) });
    expect((await userRow(user.userId)).totpSecretEnc).toBeNull();
    expect(await app.deps.db.recoveryCode.count({ where: { userId: user.userId } })).toBe(0);
    // Signing in is back to the password alone.
    expect(await trySignIn(app, { email: user.email, password: user.password })).toMatchObject({
      mfa: false,
    });

    const admin = await createAccount(app, "Ada", "ADMIN");
    const adminSession = await signedIn(app, admin);
    const enrolledAdmin = await enrol(app, adminSession);
    await expect(
      app
        .as(enrolledAdmin.session)
        .account.disableTwoFactor({ code: await codeAt(app, enrolledAdmin.secret, 1) }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "Your role requires two-factor authentication: it cannot be turned off.",
    });
    expect((await userRow(admin.userId)).totpEnabledAt).not.toBeNull();
  });
});

describe("2FA policy", () => {
  it("sends an Admin without 2FA to enrolment: everything else refuses until done", async () => {
    const admin = await createAccount(app, "Ada", "ADMIN");
    const session = await signedIn(app, admin);
    expect(session.restriction).toBe("TWO_FACTOR_ENROLMENT");
    await expect(app.as(session).meetings.mine()).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "Set up two-factor authentication first.",
    });
    await expect(app.as(session).admin.listUsers({})).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(await app.as(session).account.me()).toMatchObject({ restriction: "TWO_FACTOR_ENROLMENT" });
    const { session: renewed } = await enrol(app, session);
    expect(renewed.restriction).toBeNull();
    expect(await codeOf(app.as(renewed).meetings.mine())).toBe("OK");
  });

  it("covers everyone when set to EVERYONE, and nobody when OFF", async () => {
    const admin = await createAccount(app, "Ada", "ADMIN");
    const { session: adminSession } = await enrol(app, await signedIn(app, admin));
    const user = await createAccount(app, "Bob");
    expect((await signedIn(app, user)).restriction).toBeNull();
    await app.as(adminSession).admin.setTwoFactorPolicy({ policy: "EVERYONE" });
    expect((await signedIn(app, user)).restriction).toBe("TWO_FACTOR_ENROLMENT");
    await app.as(adminSession).admin.setTwoFactorPolicy({ policy: "OFF" });
    const auditor = await createAccount(app, "Aude", "AUDITOR");
    expect((await signedIn(app, auditor)).restriction).toBeNull();
  });
});

describe("keyring rotation", () => {
  it("re-seals stored TOTP secrets under the new key, after which the old key can go", async () => {
    const k1 = generateKeyEntry("k1");
    const k2 = generateKeyEntry("k2");
    app.deps.secrets = createSecretBox(parseKeyring(k1));
    const account = await createAccount(app, "Eve");
    const { secret } = await enrol(app, await signedIn(app, account));
    const pendingOnly = await createAccount(app, "Pam");
    await app.as(await signedIn(app, pendingOnly)).account.beginTwoFactor();
    expect((await userRow(account.userId)).totpSecretEnc).toMatch(/^v1\.k1\./);

    // Step 1: the new key first, the old one kept after it; everything still opens.
    app.deps.secrets = createSecretBox(parseKeyring(`${k2},${k1}`));
    expect(await resealTotpSecrets(app.deps)).toBe(2);
    expect(await resealTotpSecrets(app.deps)).toBe(0);
    expect((await userRow(account.userId)).totpSecretEnc).toMatch(/^v1\.k2\./);
    expect((await userRow(pendingOnly.userId)).totpPendingEnc).toMatch(/^v1\.k2\./);

    // Step 2: the old key removed; sign-in with a code still works.
    app.deps.secrets = createSecretBox(parseKeyring(k2));
    const creds = { email: account.email, password: account.password };
    expect(await trySignIn(app, { ...creds, code: await codeAt(app, secret, 1) })).toMatchObject({
      mfa: true,
    });
  });
});
