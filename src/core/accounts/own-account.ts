import { refuse } from "../errors";

/**
 * Admin actions that lock someone out (disable, reset 2FA, reset the password) are never taken on
 * one's own account: there, the account pages ask for the current password or code instead.
 */

export function assertNotOwnAccount(actorId: string, targetUserId: string): void {
  if (actorId === targetUserId) throw refuse("NOT_YOURSELF");
}
