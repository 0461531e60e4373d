import { precondition } from "../errors";

/**
 * Admin actions that lock someone out (disable, reset 2FA, reset the password) are never taken on
 * one's own account: there, the account pages ask for the current password or code instead.
 */
export const OWN_ACCOUNT_MESSAGE = "You cannot do this to your own account: use your account pages";

export function assertNotOwnAccount(actorId: string, targetUserId: string): void {
  if (actorId === targetUserId) throw precondition(OWN_ACCOUNT_MESSAGE);
}
