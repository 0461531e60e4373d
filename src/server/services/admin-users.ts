import type { Caller } from "@/server/deps";
import type { User } from "@/server/db/client";
import type { GlobalRole } from "@/core/roles";
import { assertAllowedGlobally } from "@/core/permissions";
import { refuse } from "@/core/errors";
import { assertKeepsAnAdmin } from "@/core/accounts/last-admin";
import { assertNotOwnAccount } from "@/core/accounts/own-account";
import type { TwoFactorPolicy } from "@/core/accounts/two-factor-policy";
import type { CreateUserInput } from "@/lib/schemas/admin";
import { hashPassword } from "@/server/auth/password";
import { generateOneTimePassword } from "@/server/security/one-time-password";
import { runAdminCommand, type ReadTx } from "./admin-log";
import { readTwoFactorPolicy, writeTwoFactorPolicy } from "./settings";
import { TWO_FACTOR_CLEARED } from "./two-factor";
import { containsIgnoringCase } from "@/server/db/text-search";

/**
 * The admin console's commands on accounts and settings. Each runs as an admin command: the
 * permission table asked first, then the state change and its audit entry in one transaction,
 * serialised with every other admin command (so "the last active admin" is counted reliably).
 */

const USER_FIELDS = {
  id: true,
  name: true,
  email: true,
  globalRole: true,
  disabled: true,
  mustChangePassword: true,
  totpEnabledAt: true,
  createdAt: true,
  lastSignInAt: true,
} as const;

type UserRow = Pick<User, keyof typeof USER_FIELDS>;

const userView = (u: UserRow) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.globalRole as GlobalRole,
  disabled: u.disabled,
  mustChangePassword: u.mustChangePassword,
  twoFactorEnabled: u.totpEnabledAt !== null,
  createdAt: u.createdAt.toISOString(),
  lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
});

/** Users by name, newest first, optionally filtered by a piece of name or email; paged by id. */
export async function listUsers(ctx: Caller, input: { query?: string; cursor?: string; limit: number }) {
  assertAllowedGlobally(ctx.session, "admin.users.list");
  const q = input.query?.trim();
  const rows = await ctx.db.user.findMany({
    where: q
      ? {
          OR: [
            { name: containsIgnoringCase(ctx.db, q) },
            { email: containsIgnoringCase(ctx.db, q.toLowerCase()) },
          ],
        }
      : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: USER_FIELDS,
  });
  const page = rows.slice(0, input.limit);
  return {
    users: page.map(userView),
    nextCursor: rows.length > input.limit ? page[page.length - 1].id : null,
  };
}

async function targetOf(read: ReadTx, userId: string) {
  const user = await read.user.findUnique({ where: { id: userId } });
  if (!user) throw refuse("USER_NOT_FOUND");
  return user;
}

const activeAdmins = (read: ReadTx) => read.user.count({ where: { globalRole: "ADMIN", disabled: false } });

/**
 * Creates an account with a one-time password, returned once for the admin to hand over; the
 * person must choose their own password at first sign-in.
 */
export async function createUser(ctx: Caller, input: CreateUserInput) {
  // Asked before the (deliberately slow) hashing as well, so a refused caller costs nothing.
  assertAllowedGlobally(ctx.session, "admin.users.create");
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return runAdminCommand(ctx, { actor: ctx.session, action: "admin.users.create" }, async (read) => {
    if (await read.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw refuse("EMAIL_TAKEN");
    }
    return {
      write: async (tx, at) => {
        const user = await tx.user.create({
          data: {
            name: input.name,
            email: input.email,
            globalRole: input.role,
            passwordHash,
            mustChangePassword: true,
            createdAt: at,
          },
        });
        return { user: userView(user), oneTimePassword };
      },
      entry: ({ user }) => ({
        targetUserId: user.id,
        event: { action: "user.created", email: user.email, name: user.name, role: input.role },
      }),
    };
  });
}

export async function setUserRole(ctx: Caller, input: { userId: string; role: GlobalRole }) {
  return runAdminCommand(ctx, { actor: ctx.session, action: "admin.users.setRole" }, async (read) => {
    const target = await targetOf(read, input.userId);
    const from = target.globalRole as GlobalRole;
    if (from === input.role) return { unchanged: userView(target) };
    assertKeepsAnAdmin({
      target: { globalRole: from, disabled: target.disabled },
      after: { globalRole: input.role, disabled: target.disabled },
      activeAdmins: await activeAdmins(read),
    });
    return {
      write: async (tx) =>
        userView(await tx.user.update({ where: { id: target.id }, data: { globalRole: input.role } })),
      entry: { targetUserId: target.id, event: { action: "user.roleChanged", from, to: input.role } },
      // Requests re-read the role; live connections read it once, so they reconnect with the new one.
      endSessionsOf: [target.id],
    };
  });
}

/** Disabling ends the account's sessions at their next request (and its live connections now). */
export async function setUserDisabled(ctx: Caller, input: { userId: string; disabled: boolean }) {
  return runAdminCommand(ctx, { actor: ctx.session, action: "admin.users.setDisabled" }, async (read) => {
    if (input.disabled) assertNotOwnAccount(ctx.session.userId, input.userId);
    const target = await targetOf(read, input.userId);
    if (target.disabled === input.disabled) return { unchanged: userView(target) };
    const role = target.globalRole as GlobalRole;
    assertKeepsAnAdmin({
      target: { globalRole: role, disabled: target.disabled },
      after: { globalRole: role, disabled: input.disabled },
      activeAdmins: await activeAdmins(read),
    });
    return {
      write: async (tx) =>
        userView(
          await tx.user.update({
            where: { id: target.id },
            data: input.disabled ? { disabled: true, sessionVersion: { increment: 1 } } : { disabled: false },
          }),
        ),
      entry: {
        targetUserId: target.id,
        event: { action: input.disabled ? "user.disabled" : "user.enabled" },
      },
      endSessionsOf: input.disabled ? [target.id] : [],
    };
  });
}

/**
 * For a lost authenticator: removes the account's 2FA and recovery codes and ends its sessions;
 * the person signs in with their password and, if the policy requires it, enrols again.
 * Not on one's own account, where turning 2FA off needs a current code.
 */
export async function resetTwoFactor(ctx: Caller, input: { userId: string }) {
  return runAdminCommand(ctx, { actor: ctx.session, action: "admin.users.resetTwoFactor" }, async (read) => {
    assertNotOwnAccount(ctx.session.userId, input.userId);
    const target = await targetOf(read, input.userId);
    if (!target.totpEnabledAt) throw refuse("TWO_FACTOR_OFF");
    return {
      write: async (tx) => {
        const user = await tx.user.update({
          where: { id: target.id },
          data: { ...TWO_FACTOR_CLEARED, sessionVersion: { increment: 1 } },
        });
        await tx.recoveryCode.deleteMany({ where: { userId: target.id } });
        return userView(user);
      },
      entry: { targetUserId: target.id, event: { action: "user.twoFactorReset" } },
      endSessionsOf: [target.id],
    };
  });
}

/**
 * For a forgotten password: gives the account a new one-time password, returned once for the
 * admin to hand over, and ends its sessions; the person must choose their own at next sign-in.
 * Not on one's own account, whose password changes with the current one.
 */
export async function resetPassword(ctx: Caller, input: { userId: string }) {
  // Asked before the (deliberately slow) hashing as well, so a refused caller costs nothing.
  assertAllowedGlobally(ctx.session, "admin.users.resetPassword");
  assertNotOwnAccount(ctx.session.userId, input.userId);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return runAdminCommand(ctx, { actor: ctx.session, action: "admin.users.resetPassword" }, async (read) => {
    const target = await targetOf(read, input.userId);
    return {
      write: async (tx) => {
        const user = await tx.user.update({
          where: { id: target.id },
          data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } },
        });
        return { user: userView(user), oneTimePassword };
      },
      entry: { targetUserId: target.id, event: { action: "user.passwordReset" } },
      endSessionsOf: [target.id],
    };
  });
}

export async function getSecuritySettings(ctx: Caller) {
  assertAllowedGlobally(ctx.session, "admin.settings.read");
  return { twoFactorPolicy: await readTwoFactorPolicy(ctx.db) };
}

export async function setTwoFactorPolicy(ctx: Caller, policy: TwoFactorPolicy) {
  return runAdminCommand(ctx, { actor: ctx.session, action: "admin.settings.update" }, async (read, at) => {
    const from = await readTwoFactorPolicy(read);
    if (from === policy) return { unchanged: { twoFactorPolicy: policy } };
    return {
      write: async (tx) => {
        await writeTwoFactorPolicy(tx, policy, { userId: ctx.session.userId, at });
        return { twoFactorPolicy: policy };
      },
      entry: { targetUserId: null, event: { action: "settings.twoFactorPolicyChanged", from, to: policy } },
    };
  });
}
