import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { codeOf, createTestApp, type TestApp } from "../../helpers/app";
import { createAccount, sessionOf, signedIn, trySignIn } from "../../helpers/accounts";
import { clientError } from "../../helpers/client-error";
import { appRouter } from "@/server/api/root";
import type { SessionUser } from "@/server/auth/session";
import type { AuthorizedUser } from "@/server/auth/sign-in";
import { resolveSession } from "@/server/auth/session";
import { SIGN_IN_ERRORS } from "@/lib/schemas/sign-in";
import { adminAuditCsv } from "@/server/services/admin-audit";
import { MemoryEventBus } from "@/server/events/memory-bus";
import { SESSIONS_ENDED_TOPIC } from "@/server/services/session-revocation";

let app: TestApp;
let admin: SessionUser;
beforeEach(async () => {
  app = await createTestApp();
  admin = await app.user("Ada", "ADMIN");
});
afterEach(async () => {
  await app.close();
});

const row = (id: string) => app.deps.db.user.findUniqueOrThrow({ where: { id } });
const auditCount = () => app.deps.db.adminAuditEvent.count();

describe("every admin procedure is refused to non-admins", () => {
  // One call per admin procedure; the test fails if a procedure is added without a row here.
  const CALLS: Record<
    string,
    { auditorMay: boolean; call: (c: ReturnType<TestApp["as"]>, id: string) => Promise<unknown> }
  > = {
    "admin.listUsers": { auditorMay: false, call: (c) => c.admin.listUsers({}) },
    "admin.createUser": {
      auditorMay: false,
      call: (c) => c.admin.createUser({ name: "New", email: "new@example.test", role: "USER" }),
    },
    "admin.setRole": { auditorMay: false, call: (c, id) => c.admin.setRole({ userId: id, role: "ADMIN" }) },
    "admin.setDisabled": {
      auditorMay: false,
      call: (c, id) => c.admin.setDisabled({ userId: id, disabled: true }),
    },
    "admin.resetTwoFactor": { auditorMay: false, call: (c, id) => c.admin.resetTwoFactor({ userId: id }) },
    "admin.resetPassword": { auditorMay: false, call: (c, id) => c.admin.resetPassword({ userId: id }) },
    "admin.securitySettings": { auditorMay: true, call: (c) => c.admin.securitySettings() },
    "admin.setTwoFactorPolicy": {
      auditorMay: false,
      call: (c) => c.admin.setTwoFactorPolicy({ policy: "EVERYONE" }),
    },
    "admin.auditLog": { auditorMay: true, call: (c) => c.admin.auditLog({}) },
    "admin.verifyAuditLog": { auditorMay: true, call: (c) => c.admin.verifyAuditLog() },
  };

  it("has a row for every admin procedure", () => {
    const procedures = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith("admin."));
    expect(procedures.sort()).toEqual(Object.keys(CALLS).sort());
  });

  it("answers UNAUTHORIZED to visitors, FORBIDDEN to users and auditors' writes, and changes nothing", async () => {
    const user = await app.user("Bob");
    const auditor = await app.user("Aude", "AUDITOR");
    const target = await app.user("Tom");
    const before = await app.deps.db.user.findMany({ orderBy: { id: "asc" } });
    for (const [name, { auditorMay, call }] of Object.entries(CALLS)) {
      expect(await codeOf(call(app.as(null), target.userId)), `${name} anonymous`).toBe("UNAUTHORIZED");
      expect(await codeOf(call(app.as(user), target.userId)), `${name} user`).toBe("FORBIDDEN");
      expect(await codeOf(call(app.as(auditor), target.userId)), `${name} auditor`).toBe(
        auditorMay ? "OK" : "FORBIDDEN",
      );
    }
    expect(await app.deps.db.user.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await auditCount()).toBe(0);
    expect(await app.deps.db.setting.count()).toBe(0);
  });

  it("refuses the CSV export to users and visitors", async () => {
    const user = await app.user("Bob");
    await expect(adminAuditCsv(app.deps, user)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(adminAuditCsv(app.deps, null)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("users", () => {
  it("lists and searches users by name or email, in pages", async () => {
    const [, bob] = [await app.user("Zoé Martin"), await app.user("Bob Stone"), await app.user("Bea Martin")];
    const all = await app.as(admin).admin.listUsers({});
    expect(all.users).toHaveLength(4);
    expect(all.users[0]).toMatchObject({ role: "USER", disabled: false, twoFactorEnabled: false });
    expect(all.users[0]).not.toHaveProperty("passwordHash");
    const martins = await app.as(admin).admin.listUsers({ query: "martin" });
    expect(martins.users.map((u) => u.name).sort()).toEqual(["Bea Martin", "Zoé Martin"]);
    const byEmail = await app.as(admin).admin.listUsers({ query: bob.email.slice(-22).toUpperCase() });
    expect(byEmail.users.map((u) => u.id)).toEqual([bob.userId]);
    expect((await app.as(admin).admin.listUsers({ query: "nobody" })).users).toEqual([]);
    const page1 = await app.as(admin).admin.listUsers({ limit: 3 });
    const page2 = await app.as(admin).admin.listUsers({ limit: 3, cursor: page1.nextCursor! });
    expect(page1.users).toHaveLength(3);
    expect(page2).toMatchObject({ nextCursor: null });
    expect([...page1.users, ...page2.users].map((u) => u.id).sort()).toEqual(
      all.users.map((u) => u.id).sort(),
    );
  });

  it("creates a user with a one-time password that must be changed first", async () => {
    const { user, oneTimePassword } = await app.as(admin).admin.createUser({
      name: "Nina",
      email: " Nina@Example.test ",
      role: "USER",
    });
    expect(user).toMatchObject({ email: "nina@example.test", role: "USER", mustChangePassword: true });
    expect(oneTimePassword).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
    expect((await row(user.id)).passwordHash).not.toContain(oneTimePassword);

    const first = await signedIn(app, { userId: user.id, email: user.email, password: oneTimePassword });
    expect(first.restriction).toBe("PASSWORD_CHANGE");
    expect(await clientError(app.as(first).meetings.mine())).toEqual({
      code: "PRECONDITION_FAILED",
      message: "Choose a new password first.",
    });
    const { ticket } = await app.as(first).account.changePassword({
      currentPassword: oneTimePassword,
      newPassword: "my own good password",
    });
    expect(await resolveSession(app.deps.db, { sub: user.id, sv: 0 })).toBeNull();
    const renewed = (await trySignIn(app, { ticket })) as AuthorizedUser;
    expect(await sessionOf(app, renewed)).toMatchObject({ restriction: null });
    expect(await trySignIn(app, { email: user.email, password: oneTimePassword })).toBe(
      SIGN_IN_ERRORS.invalidCredentials,
    );
    const log = await app.as(admin).admin.auditLog({});
    expect(log.entries.map((e) => e.action)).toEqual(["account.passwordChanged", "user.created"]);
    expect(log.entries[1]).toMatchObject({
      actor: { id: admin.userId, name: "Ada" },
      target: { id: user.id, email: "nina@example.test" },
      details: { email: "nina@example.test", name: "Nina", role: "USER" },
    });
  });

  it("refuses an email that already has an account", async () => {
    const bob = await app.user("Bob");
    expect(
      await clientError(app.as(admin).admin.createUser({ name: "B", email: bob.email, role: "USER" })),
    ).toEqual({
      code: "CONFLICT",
      message: "An account with this email already exists.",
    });
    expect(await auditCount()).toBe(0);
  });

  it("changes a global role and records who did it, to whom and when", async () => {
    const bob = await app.user("Bob");
    app.deps.clock.advance(5_000);
    expect(await app.as(admin).admin.setRole({ userId: bob.userId, role: "AUDITOR" })).toMatchObject({
      role: "AUDITOR",
    });
    // The same role again changes nothing and records nothing.
    await app.as(admin).admin.setRole({ userId: bob.userId, role: "AUDITOR" });
    const [entry] = (await app.as(admin).admin.auditLog({})).entries;
    expect(entry).toMatchObject({
      seq: 1,
      action: "user.roleChanged",
      at: app.deps.clock.now().toISOString(),
      actor: { id: admin.userId },
      target: { id: bob.userId },
      details: { from: "USER", to: "AUDITOR" },
    });
    expect(await auditCount()).toBe(1);
  });
});

describe("bad input: a clear error, nothing changed", () => {
  it("a role that does not exist", async () => {
    const bob = await app.user("Bob");
    expect(
      await clientError(app.as(admin).admin.setRole({ userId: bob.userId, role: "ROOT" as never })),
    ).toEqual({
      code: "BAD_REQUEST",
      message: "role: Role must be one of ADMIN, AUDITOR, USER",
    });
    expect((await row(bob.userId)).globalRole).toBe("USER");
    expect(
      await codeOf(
        app.as(admin).admin.createUser({ name: "X", email: "x@example.test", role: "OWNER" as never }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await codeOf(app.as(admin).admin.setTwoFactorPolicy({ policy: "SOMETIMES" as never }))).toBe(
      "BAD_REQUEST",
    );
    expect(await auditCount()).toBe(0);
  });

  it("an unknown user id to disable, to change or to reset", async () => {
    const before = await app.deps.db.user.findMany({ orderBy: { id: "asc" } });
    const calls = [
      () => app.as(admin).admin.setDisabled({ userId: "u_nobody", disabled: true }),
      () => app.as(admin).admin.setRole({ userId: "u_nobody", role: "USER" }),
      () => app.as(admin).admin.resetTwoFactor({ userId: "u_nobody" }),
      () => app.as(admin).admin.resetPassword({ userId: "u_nobody" }),
    ];
    for (const call of calls) {
      expect(await clientError(call())).toEqual({
        code: "NOT_FOUND",
        message: "This account does not exist.",
      });
    }
    expect(await codeOf(app.as(admin).admin.setDisabled({ userId: "", disabled: true }))).toBe("BAD_REQUEST");
    expect(await app.deps.db.user.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await auditCount()).toBe(0);
  });

  it("resetting 2FA on an account without it", async () => {
    const bob = await app.user("Bob");
    expect(await clientError(app.as(admin).admin.resetTwoFactor({ userId: bob.userId }))).toEqual({
      code: "PRECONDITION_FAILED",
      message: "Two-factor authentication is not on.",
    });
  });
});

describe("last active admin", () => {
  it("cannot be demoted or disabled; with a second admin it can", async () => {
    expect(await clientError(app.as(admin).admin.setRole({ userId: admin.userId, role: "USER" }))).toEqual({
      code: "PRECONDITION_FAILED",
      message: "This is the last active admin: make another account admin first.",
    });
    expect(
      await clientError(app.as(admin).admin.setDisabled({ userId: admin.userId, disabled: true })),
    ).toEqual({
      code: "PRECONDITION_FAILED",
      message: "You cannot do this to your own account: use your account pages.",
    });
    expect((await row(admin.userId)).globalRole).toBe("ADMIN");

    const second = await app.user("Alan", "ADMIN");
    await app.as(second).admin.setDisabled({ userId: admin.userId, disabled: true });
    // Ada is disabled: Alan is now the last *active* admin.
    expect(
      await clientError(app.as(second).admin.setRole({ userId: second.userId, role: "AUDITOR" })),
    ).toEqual({
      code: "PRECONDITION_FAILED",
      message: "This is the last active admin: make another account admin first.",
    });
    await app.as(second).admin.setDisabled({ userId: admin.userId, disabled: false });
    await app.as(second).admin.setRole({ userId: second.userId, role: "AUDITOR" });
    expect((await row(second.userId)).globalRole).toBe("AUDITOR");
  });

  it("holds when two admins demote each other at the same moment", async () => {
    const second = await app.user("Alan", "ADMIN");
    const results = await Promise.all([
      codeOf(app.as(admin).admin.setRole({ userId: second.userId, role: "USER" })),
      codeOf(app.as(second).admin.setRole({ userId: admin.userId, role: "USER" })),
    ]);
    expect(results.sort()).toEqual(["OK", "PRECONDITION_FAILED"]);
    expect(await app.deps.db.user.count({ where: { globalRole: "ADMIN", disabled: false } })).toBe(1);
  });
});

describe("disabling an account", () => {
  it("refuses its existing session at the next request, and keeps it refused after re-enabling", async () => {
    const account = await createAccount(app, "Bob");
    const session = await signedIn(app, account);
    const token = { sub: account.userId, sv: 0, mfa: false };
    expect(await resolveSession(app.deps.db, token)).not.toBeNull();
    expect(await codeOf(app.as(session).meetings.mine())).toBe("OK");

    const ended: unknown[] = [];
    (app.deps.bus as MemoryEventBus).subscribe(SESSIONS_ENDED_TOPIC, (m) => ended.push(m));
    await app.as(admin).admin.setDisabled({ userId: account.userId, disabled: true });
    expect(ended).toEqual([{ userId: account.userId }]);
    expect(await resolveSession(app.deps.db, token)).toBeNull();
    expect(await trySignIn(app, { email: account.email, password: account.password })).toBe(
      SIGN_IN_ERRORS.invalidCredentials,
    );

    await app.as(admin).admin.setDisabled({ userId: account.userId, disabled: false });
    expect(await resolveSession(app.deps.db, token)).toBeNull();
    expect(await signedIn(app, account)).toMatchObject({ userId: account.userId });
    const actions = (await app.as(admin).admin.auditLog({})).entries.map((e) => e.action);
    expect(actions).toEqual(["user.enabled", "user.disabled"]);
  });
});

describe("resetting a forgotten password", () => {
  it("gives a one-time password that must be replaced, ends the sessions, and records it", async () => {
    const account = await createAccount(app, "Bob");
    await signedIn(app, account);
    const token = { sub: account.userId, sv: 0, mfa: false };
    const ended: unknown[] = [];
    (app.deps.bus as MemoryEventBus).subscribe(SESSIONS_ENDED_TOPIC, (m) => ended.push(m));

    const { user, oneTimePassword } = await app.as(admin).admin.resetPassword({ userId: account.userId });
    expect(user).toMatchObject({ id: account.userId, mustChangePassword: true });
    expect(ended).toEqual([{ userId: account.userId }]);
    expect(await resolveSession(app.deps.db, token)).toBeNull();
    expect(await trySignIn(app, { email: account.email, password: account.password })).toBe(
      SIGN_IN_ERRORS.invalidCredentials,
    );
    // The one-time password signs in, to a session that may only change it.
    const restricted = await signedIn(app, { ...account, password: oneTimePassword });
    expect(restricted.restriction).toBe("PASSWORD_CHANGE");
    expect(await clientError(app.as(restricted).meetings.mine())).toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    await app.as(restricted).account.changePassword({
      currentPassword: oneTimePassword,
      newPassword: "Bob's own passphrase",
    });
    expect((await row(account.userId)).mustChangePassword).toBe(false);

    const [changed, reset] = (await app.as(admin).admin.auditLog({})).entries;
    expect(reset).toMatchObject({
      action: "user.passwordReset",
      actor: { id: admin.userId },
      target: { id: account.userId },
    });
    expect(changed).toMatchObject({ action: "account.passwordChanged", actor: { id: account.userId } });
  });

  it("is not for one's own account, which changes its password with the current one", async () => {
    expect(await clientError(app.as(admin).admin.resetPassword({ userId: admin.userId }))).toEqual({
      code: "PRECONDITION_FAILED",
      message: "You cannot do this to your own account: use your account pages.",
    });
    expect(await auditCount()).toBe(0);
  });
});

describe("own password", () => {
  it("needs the current password, ends other sessions, and keeps this one via its ticket", async () => {
    const account = await createAccount(app, "Bob");
    const session = await signedIn(app, account);
    expect(
      await clientError(
        app
          .as(session)
          .account.changePassword({ currentPassword: "not my password", newPassword: "a new good password" }),
      ),
    ).toEqual({ code: "BAD_REQUEST", message: "The current password is not correct." });
    expect(
      await codeOf(
        app.as(session).account.changePassword({ currentPassword: account.password, newPassword: "short" }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await codeOf(
        app
          .as(session)
          .account.changePassword({ currentPassword: account.password, newPassword: account.password }),
      ),
    ).toBe("BAD_REQUEST");
    expect((await row(account.userId)).sessionVersion).toBe(0);

    const { ticket } = await app.as(session).account.changePassword({
      currentPassword: account.password,
      newPassword: "a new good password",
    });
    expect(await resolveSession(app.deps.db, { sub: account.userId, sv: 0 })).toBeNull();
    expect(await trySignIn(app, { ticket })).toMatchObject({ id: account.userId, sv: 1, mfa: false });
    expect(await trySignIn(app, { email: account.email, password: "a new good password" })).toMatchObject({
      id: account.userId,
    });
  });
});

describe("admin audit log", () => {
  async function someActions() {
    const bob = await app.user("Bob");
    await app.as(admin).admin.setRole({ userId: bob.userId, role: "AUDITOR" });
    await app.as(admin).admin.setDisabled({ userId: bob.userId, disabled: true });
    await app.as(admin).admin.setTwoFactorPolicy({ policy: "EVERYONE" });
    await app
      .as(admin)
      .admin.createUser({ name: '=HYPERLINK("http://x")', email: "f@example.test", role: "USER" });
    return bob;
  }

  it("is a verified hash chain that detects an edited or deleted entry", async () => {
    await someActions();
    expect(await app.as(admin).admin.verifyAuditLog()).toEqual({ ok: true, count: 4 });
    const original = await app.deps.db.adminAuditEvent.findUniqueOrThrow({ where: { seq: 1 } });
    const forged = '{"from":"USER","to":"ADMIN"}';
    await app.deps.db.adminAuditEvent.update({ where: { seq: 1 }, data: { payload: forged } });
    expect(await app.as(admin).admin.verifyAuditLog()).toMatchObject({
      ok: false,
      brokenAt: 1,
      reason: "changed",
    });
    await app.deps.db.adminAuditEvent.update({ where: { seq: 1 }, data: { payload: original.payload } });
    expect(await app.as(admin).admin.verifyAuditLog()).toMatchObject({ ok: true });
    await app.deps.db.adminAuditEvent.delete({ where: { seq: 2 } });
    expect(await app.as(admin).admin.verifyAuditLog()).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: "missing",
    });
  });

  it("detects the newest entries being deleted (the head is stored apart)", async () => {
    await someActions();
    await app.deps.db.adminAuditEvent.delete({ where: { seq: 4 } });
    expect(await app.as(admin).admin.verifyAuditLog()).toMatchObject({
      ok: false,
      brokenAt: 4,
      reason: "head",
    });
  });

  it("pages newest first and exports everything as spreadsheet-safe CSV", async () => {
    const bob = await someActions();
    const first = await app.as(admin).admin.auditLog({ limit: 3 });
    expect(first.entries.map((e) => e.seq)).toEqual([4, 3, 2]);
    const rest = await app.as(admin).admin.auditLog({ limit: 3, cursor: first.nextCursor! });
    expect(rest).toMatchObject({ entries: [{ seq: 1 }], nextCursor: null });

    const auditor = await app.user("Aude", "AUDITOR");
    const csv = await adminAuditCsv(app.deps, auditor);
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("seq,at,action,actor_id,actor_email,target_id,target_email,details,prev_hash,hash");
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(`user.roleChanged,${admin.userId},${admin.email},${bob.userId},${bob.email}`);
    expect(lines[3]).toContain("settings.twoFactorPolicyChanged");
    // The crafted name reaches the CSV only inside the JSON details, never as a formula cell.
    expect(lines[4]).not.toMatch(/,=/);
  });
});
