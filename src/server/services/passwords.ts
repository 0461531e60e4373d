import type { Caller } from "@/server/deps";
import { refuse } from "@/core/errors";
import type { ChangePasswordInput } from "@/lib/schemas/account";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { issueSessionTicket } from "@/server/auth/session-ticket";
import { runAdminCommand } from "./admin-log";
import { guardedAttempt } from "./attempt-guard";

/**
 * Changing one's own password: the current one is required (and guesses are throttled like
 * sign-in), every session of the account ends, and the caller's browser gets a ticket for a
 * fresh session (auth/session-ticket.ts) that keeps its second-factor status. Also how a one-time
 * password from an admin is replaced.
 */
export async function changePassword(ctx: Caller, input: ChangePasswordInput, ip: string) {
  const actor = ctx.session;
  await guardedAttempt(ctx, { email: actor.email, ip }, async () => {
    const { passwordHash } = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId } });
    return (await verifyPassword(input.currentPassword, passwordHash))
      ? { ok: true, value: null }
      : { ok: false, error: refuse("WRONG_PASSWORD") };
  });
  const passwordHash = await hashPassword(input.newPassword);
  return runAdminCommand(ctx, { actor, action: "account.manage" }, async () => ({
    write: async (tx, at) => {
      const user = await tx.user.update({
        where: { id: actor.userId },
        data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
      });
      const ticket = issueSessionTicket(ctx.secrets, at, {
        userId: user.id,
        sv: user.sessionVersion,
        mfa: actor.mfa === true,
      });
      return { ticket };
    },
    entry: { targetUserId: actor.userId, event: { action: "account.passwordChanged" } },
    endSessionsOf: [actor.userId],
  }));
}
