import type { Deps } from "@/server/deps";
import type { SessionUser } from "@/server/auth/session";
import type { Tx, User } from "@/server/db/client";
import type { GlobalRole } from "@/core/roles";
import { assertAllowedGlobally, type AdminAction } from "@/core/permissions";
import { conflict, notFound, precondition } from "@/core/errors";
import { assertKeepsAnAdmin } from "@/core/accounts/last-admin";
import { assertNotOwnAccount } from "@/core/accounts/own-account";
import type { TwoFactorPolicy } from "@/core/accounts/two-factor-policy";
import { ACCOUNT_ERRORS } from "@/lib/account-errors";
import type { CreateUserInput } from "@/lib/schemas/admin";
import { hashPassword } from "@/server/auth/password";
import { generateOneTimePassword } from "@/server/security/one-time-password";
import { runAdminCommand } from "./admin-log";
import { readTwoFactorPolicy, writeTwoFactorPolicy } from "./settings";
import { TWO_FACTOR_CLEARED } from "./two-factor";
import { containsIgnoringCase } from "@/server/db/text-search";

/**
 * The admin console's commands on accounts and settings. Each one asks the permission matrix,
 * then runs as an admin command: state change and audit entry in one transaction, serialised
 * with every other admin command (so "the last active admin" is counted reliably).
 */

export function authorizeAdmin(actor: SessionUser | null, action: AdminAction): void {
  assertAllowedGlobally(actor, action);
}

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
export type AdminUserView = ReturnType<typeof userView>;

/** Users by name, newest first, optionally filtered by a piece of name or email; paged by id. */
export async function listUsers(
  deps: Pick<Deps, "db">,
  actor: SessionUser,
  input: { query?: string; cursor?: string; limit: number },
) {
  authorizeAdmin(actor, "admin.users.list");
  const q = input.query?.trim();
  const rows = await deps.db.user.findMany({
    where: q
      ? {
          OR: [
            { name: containsIgnoringCase(deps.db, q) },
            { email: containsIgnoringCase(deps.db, q.toLowerCase()) },
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

async function targetOf(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw notFound("User");
  return user;
}

const activeAdmins = (tx: Tx) => tx.user.count({ where: { globalRole: "ADMIN", disabled: false } });

/**
 * Creates an account with a one-time password, returned once for the admin to hand over; the
 * person must choose their own password at first sign-in.
 */
export async function createUser(deps: Deps, actor: SessionUser, input: CreateUserInput) {
  authorizeAdmin(actor, "admin.users.create");
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return runAdminCommand(deps, actor.userId, async (tx, at) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw conflict(ACCOUNT_ERRORS.emailTaken);
    }
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
    return {
      result: { user: userView(user), oneTimePassword },
      entries: [
        {
          targetUserId: user.id,
          event: { action: "user.created", email: user.email, name: user.name, role: input.role },
        },
      ],
    };
  });
}

export async function setUserRole(
  deps: Deps,
  actor: SessionUser,
  input: { userId: string; role: GlobalRole },
) {
  authorizeAdmin(actor, "admin.users.setRole");
  return runAdminCommand(deps, actor.userId, async (tx) => {
    const target = await targetOf(tx, input.userId);
    const from = target.globalRole as GlobalRole;
    if (from === input.role) return { result: userView(target), entries: [] };
    assertKeepsAnAdmin({
      target: { globalRole: from, disabled: target.disabled },
      after: { globalRole: input.role, disabled: target.disabled },
      activeAdmins: await activeAdmins(tx),
    });
    const user = await tx.user.update({ where: { id: target.id }, data: { globalRole: input.role } });
    return {
      result: userView(user),
      entries: [{ targetUserId: target.id, event: { action: "user.roleChanged", from, to: input.role } }],
    };
  });
}

/** Disabling ends the account's sessions at their next request (and its live connections now). */
export async function setUserDisabled(
  deps: Deps,
  actor: SessionUser,
  input: { userId: string; disabled: boolean },
) {
  authorizeAdmin(actor, "admin.users.setDisabled");
  if (input.disabled) assertNotOwnAccount(actor.userId, input.userId);
  return runAdminCommand(deps, actor.userId, async (tx) => {
    const target = await targetOf(tx, input.userId);
    if (target.disabled === input.disabled) return { result: userView(target), entries: [] };
    const role = target.globalRole as GlobalRole;
    assertKeepsAnAdmin({
      target: { globalRole: role, disabled: target.disabled },
      after: { globalRole: role, disabled: input.disabled },
      activeAdmins: await activeAdmins(tx),
    });
    const user = await tx.user.update({
      where: { id: target.id },
      data: input.disabled ? { disabled: true, sessionVersion: { increment: 1 } } : { disabled: false },
    });
    return {
      result: userView(user),
      entries: [
        { targetUserId: target.id, event: { action: input.disabled ? "user.disabled" : "user.enabled" } },
      ],
      endSessionsOf: input.disabled ? [target.id] : [],
    };
  });
}

/**
 * For a lost authenticator: removes the account's 2FA and recovery codes and ends its sessions;
 * the person signs in with their password and, if the policy requires it, enrols again.
 * Not on one's own account, where turning 2FA off needs a current code.
 */
export async function resetTwoFactor(deps: Deps, actor: SessionUser, input: { userId: string }) {
  authorizeAdmin(actor, "admin.users.resetTwoFactor");
  assertNotOwnAccount(actor.userId, input.userId);
  return runAdminCommand(deps, actor.userId, async (tx) => {
    const target = await targetOf(tx, input.userId);
    if (!target.totpEnabledAt) throw precondition(ACCOUNT_ERRORS.twoFactorOff);
    const user = await tx.user.update({
      where: { id: target.id },
      data: { ...TWO_FACTOR_CLEARED, sessionVersion: { increment: 1 } },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: target.id } });
    return {
      result: userView(user),
      entries: [{ targetUserId: target.id, event: { action: "user.twoFactorReset" } }],
      endSessionsOf: [target.id],
    };
  });
}

/**
 * For a forgotten password: gives the account a new one-time password, returned once for the
 * admin to hand over, and ends its sessions; the person must choose their own at next sign-in.
 * Not on one's own account, whose password changes with the current one.
 */
export async function resetPassword(deps: Deps, actor: SessionUser, input: { userId: string }) {
  authorizeAdmin(actor, "admin.users.resetPassword");
  assertNotOwnAccount(actor.userId, input.userId);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return runAdminCommand(deps, actor.userId, async (tx) => {
    const target = await targetOf(tx, input.userId);
    const user = await tx.user.update({
      where: { id: target.id },
      data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } },
    });
    return {
      result: { user: userView(user), oneTimePassword },
      entries: [{ targetUserId: target.id, event: { action: "user.passwordReset" } }],
      endSessionsOf: [target.id],
    };
  });
}

export async function getSecuritySettings(deps: Pick<Deps, "db">, actor: SessionUser) {
  authorizeAdmin(actor, "admin.settings.read");
  return { twoFactorPolicy: await readTwoFactorPolicy(deps.db) };
}

export async function setTwoFactorPolicy(deps: Deps, actor: SessionUser, policy: TwoFactorPolicy) {
  authorizeAdmin(actor, "admin.settings.update");
  return runAdminCommand(deps, actor.userId, async (tx, at) => {
    const from = await readTwoFactorPolicy(tx);
    if (from === policy) return { result: { twoFactorPolicy: policy }, entries: [] };
    await writeTwoFactorPolicy(tx, policy, { userId: actor.userId, at });
    return {
      result: { twoFactorPolicy: policy },
      entries: [
        { targetUserId: null, event: { action: "settings.twoFactorPolicyChanged", from, to: policy } },
      ],
    };
  });
}
