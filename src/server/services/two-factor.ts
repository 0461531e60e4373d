import type { Caller, Deps } from "@/server/deps";
import type { SessionUser } from "@/server/auth/session";
import type { Tx } from "@/server/db/client";
import type { GlobalRole } from "@/core/roles";
import type { SecondFactorMethod } from "@/core/admin-audit/events";
import { refuse } from "@/core/errors";
import { twoFactorRequired } from "@/core/accounts/two-factor-policy";
import { createTotpSecret, otpauthUri, qrCodeDataUrl, verifyTotp } from "@/server/security/totp";
import { generateRecoveryCodes, hashRecoveryCode, matchRecoveryCode } from "@/server/security/recovery-codes";
import { issueSessionTicket } from "@/server/auth/session-ticket";
import { runAccountCommand, runAdminCommand } from "./admin-log";
import { readTwoFactorPolicy } from "./settings";
import { guardedAttempt } from "./attempt-guard";

/**
 * TOTP second factor of one's own account: enrol (secret shown once as QR + text, confirmed with
 * a code, 10 recovery codes shown once), regenerate recovery codes, turn off; and the check that
 * sign-in and these commands share. Secrets are sealed with the user id as associated data, so a
 * sealed secret copied onto another account does not open.
 */

type AuthDeps = Pick<Deps, "db" | "clock" | "secrets" | "bus">;

export const totpAad = (userId: string) => `totp:${userId}`;

interface SecondFactorAccount {
  id: string;
  totpSecretEnc: string | null;
  totpLastStep: number | null;
}

type SecondFactorCheck =
  { ok: true; method: "totp" | "recovery" } | { ok: false; reason: "invalid" | "replayed" };

/** Why a code is checked (what the admin audit log says about spending it), and from where. */
interface SpendContext {
  purpose: "signIn" | "confirm";
  ip: string;
}

/**
 * Checks an app code or a recovery code and spends it: an app code's time step becomes the last
 * used one (older and equal steps are replays from then on), a recovery code is marked used. Both
 * writes are conditional, so of two requests racing with the same code only one succeeds. The
 * spend and its audit entries (a sign-in that passed the second factor, a recovery code used)
 * commit together.
 */
export async function verifyAndSpendSecondFactor(
  deps: AuthDeps,
  account: SecondFactorAccount,
  code: string,
  context: SpendContext,
): Promise<SecondFactorCheck> {
  if (!account.totpSecretEnc) return { ok: false, reason: "invalid" };
  const compact = code.replace(/\s/g, "");
  const now = deps.clock.now();
  const signIn = (method: SecondFactorMethod) =>
    context.purpose === "signIn"
      ? [
          {
            targetUserId: account.id,
            event: { action: "account.signedInWithSecondFactor", method, ip: context.ip } as const,
          },
        ]
      : [];
  if (/^[0-9]+$/.test(compact)) {
    const secret = deps.secrets.decrypt(account.totpSecretEnc, totpAad(account.id));
    const check = await verifyTotp({ secret, code: compact, now, lastUsedStep: account.totpLastStep });
    if (!check.ok) return { ok: false, reason: check.reason === "replayed" ? "replayed" : "invalid" };
    const spent = await runAccountCommand(deps, account.id, async (tx) => {
      const { count } = await tx.user.updateMany({
        where: { id: account.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: check.step } }] },
        data: { totpLastStep: check.step },
      });
      return { result: count === 1, entries: count === 1 ? signIn("totp") : [] };
    });
    return spent ? { ok: true, method: "totp" } : { ok: false, reason: "replayed" };
  }
  const unused = await deps.db.recoveryCode.findMany({ where: { userId: account.id, usedAt: null } });
  const index = await matchRecoveryCode(
    code,
    unused.map((c) => c.hash),
  );
  if (index < 0) return { ok: false, reason: "invalid" };
  const spent = await runAccountCommand(deps, account.id, async (tx) => {
    const { count } = await tx.recoveryCode.updateMany({
      where: { id: unused[index].id, usedAt: null },
      data: { usedAt: now },
    });
    if (count !== 1) return { result: false, entries: [] };
    const remaining = await tx.recoveryCode.count({ where: { userId: account.id, usedAt: null } });
    const used = { action: "account.recoveryCodeUsed", remaining, ip: context.ip } as const;
    return { result: true, entries: [{ targetUserId: account.id, event: used }, ...signIn("recoveryCode")] };
  });
  return spent ? { ok: true, method: "recovery" } : { ok: false, reason: "invalid" };
}

/** For commands on one's own 2FA: a current code is required, and guesses are throttled. */
async function requireCurrentCode(deps: AuthDeps, actor: SessionUser, code: string, ip: string) {
  await guardedAttempt(deps, { email: actor.email, ip }, async () => {
    const account = await deps.db.user.findUniqueOrThrow({ where: { id: actor.userId } });
    if (!account.totpEnabledAt) throw refuse("TWO_FACTOR_OFF");
    const check = await verifyAndSpendSecondFactor(deps, account, code, { purpose: "confirm", ip });
    if (check.ok) return { ok: true, value: check.method };
    return {
      ok: false,
      error: refuse(check.reason === "replayed" ? "REPLAYED_CODE" : "INVALID_CODE"),
    };
  });
}

/** The account's recovery codes, all replaced by `hashes`. */
async function replaceRecoveryCodes(tx: Tx, userId: string, hashes: readonly string[]) {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: hashes.map((hash) => ({ userId, hash })) });
}

async function freshRecoveryCodes() {
  const codes = generateRecoveryCodes();
  return { codes, hashes: await Promise.all(codes.map(hashRecoveryCode)) };
}

export async function twoFactorStatus(ctx: Caller) {
  const { db, session: actor } = ctx;
  const [account, policy, recoveryCodesLeft] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: actor.userId } }),
    readTwoFactorPolicy(db),
    db.recoveryCode.count({ where: { userId: actor.userId, usedAt: null } }),
  ]);
  return {
    enabled: account.totpEnabledAt !== null,
    enabledAt: account.totpEnabledAt?.toISOString() ?? null,
    recoveryCodesLeft: account.totpEnabledAt ? recoveryCodesLeft : 0,
    required: twoFactorRequired(policy, account.globalRole as GlobalRole),
  };
}

/**
 * Step 1 of enrolment: a new secret, kept sealed as "pending" until confirmed, returned once as
 * the otpauth URI, its QR code (rendered here, no outside service) and the text to type.
 */
export async function beginEnrolment(ctx: Caller) {
  const { session: actor } = ctx;
  const account = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId } });
  if (account.totpEnabledAt) throw refuse("TWO_FACTOR_ON");
  const secret = createTotpSecret();
  await ctx.db.user.update({
    where: { id: actor.userId },
    data: { totpPendingEnc: ctx.secrets.encrypt(secret, totpAad(actor.userId)) },
  });
  const uri = otpauthUri({ secret, accountName: account.email });
  return { secret, otpauthUri: uri, qrCodeDataUrl: await qrCodeDataUrl(uri) };
}

/**
 * Step 2: a code from the app proves it holds the secret. 2FA turns on, ten recovery codes are
 * made (returned once, stored as hashes), and every other session ends; the caller's browser
 * gets a ticket for a fresh session that counts as having passed the second factor.
 */
export async function confirmEnrolment(ctx: Caller, code: string) {
  const { session: actor } = ctx;
  const account = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId } });
  if (account.totpEnabledAt) throw refuse("TWO_FACTOR_ON");
  const pending = account.totpPendingEnc;
  if (!pending) throw refuse("SETUP_NOT_STARTED");
  const secret = ctx.secrets.decrypt(pending, totpAad(actor.userId));
  const check = await verifyTotp({ secret, code, now: ctx.clock.now() });
  if (!check.ok) throw refuse("INVALID_CODE");
  const { codes, hashes } = await freshRecoveryCodes();
  return runAdminCommand(ctx, { actor, action: "account.manage" }, async () => ({
    write: async (tx, at) => {
      // Only if nothing changed since the check (another tab restarting or finishing the setup).
      const { count } = await tx.user.updateMany({
        where: { id: actor.userId, totpPendingEnc: pending, totpEnabledAt: null },
        data: {
          totpSecretEnc: pending,
          totpPendingEnc: null,
          totpEnabledAt: at,
          totpLastStep: check.step,
          sessionVersion: { increment: 1 },
        },
      });
      if (count !== 1) throw refuse("SETUP_CHANGED");
      await replaceRecoveryCodes(tx, actor.userId, hashes);
      const { sessionVersion } = await tx.user.findUniqueOrThrow({ where: { id: actor.userId } });
      const ticket = issueSessionTicket(ctx.secrets, at, {
        userId: actor.userId,
        sv: sessionVersion,
        mfa: true,
      });
      return { recoveryCodes: codes, ticket };
    },
    entry: { targetUserId: actor.userId, event: { action: "account.twoFactorEnabled" } },
    endSessionsOf: [actor.userId],
  }));
}

/** New recovery codes replace all the old ones; needs a current code. */
export async function regenerateRecoveryCodes(ctx: Caller, code: string, ip: string) {
  const { session: actor } = ctx;
  await requireCurrentCode(ctx, actor, code, ip);
  const { codes, hashes } = await freshRecoveryCodes();
  return runAdminCommand(ctx, { actor, action: "account.manage" }, async () => ({
    write: async (tx) => {
      await replaceRecoveryCodes(tx, actor.userId, hashes);
      return { recoveryCodes: codes };
    },
    entry: { targetUserId: actor.userId, event: { action: "account.recoveryCodesRegenerated" } },
  }));
}

/** Turns 2FA off with a current code, unless the policy requires it for this account. */
export async function disableTwoFactor(ctx: Caller, code: string, ip: string) {
  const { session: actor } = ctx;
  const policy = await readTwoFactorPolicy(ctx.db);
  if (twoFactorRequired(policy, actor.globalRole)) throw refuse("TWO_FACTOR_REQUIRED");
  await requireCurrentCode(ctx, actor, code, ip);
  await runAdminCommand(ctx, { actor, action: "account.manage" }, async () => ({
    write: async (tx) => {
      await tx.user.update({ where: { id: actor.userId }, data: TWO_FACTOR_CLEARED });
      await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } });
      return null;
    },
    entry: { targetUserId: actor.userId, event: { action: "account.twoFactorDisabled" } },
  }));
}

/** The user columns of an account without 2FA. */
export const TWO_FACTOR_CLEARED = {
  totpSecretEnc: null,
  totpPendingEnc: null,
  totpEnabledAt: null,
  totpLastStep: null,
} as const;
