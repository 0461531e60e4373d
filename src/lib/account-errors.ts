import { LAST_ADMIN_MESSAGE } from "@/core/accounts/last-admin";
import { OWN_ACCOUNT_MESSAGE } from "@/core/accounts/own-account";

/**
 * The account and security errors people can meet, by the exact message the server sends (in
 * English, for API users and logs). Forms look the message up here to show the translation under
 * `accountErrors.<key>` instead. Server code imports the same constants, so the two cannot drift.
 */
export const ACCOUNT_ERRORS = {
  invalidCode: "That code is not valid. Check the time on your device and try again",
  replayedCode: "That code was already used. Wait for the next code in your app",
  tooManyAttempts: "Too many attempts. Wait a moment and try again",
  wrongPassword: "The current password is not correct",
  twoFactorRequired: "Your role requires two-factor authentication: it cannot be turned off",
  twoFactorOn: "Two-factor authentication is already on",
  twoFactorOff: "Two-factor authentication is not on",
  setupChanged: "The setup changed in the meantime: start again",
  setupNotStarted: "Start the setup first: no authenticator secret is waiting",
  lastAdmin: LAST_ADMIN_MESSAGE,
  notYourself: OWN_ACCOUNT_MESSAGE,
  emailTaken: "An account with this email already exists",
  userNotFound: "User not found",
} as const;

export type AccountErrorKey = keyof typeof ACCOUNT_ERRORS;

const BY_MESSAGE = new Map(
  Object.entries(ACCOUNT_ERRORS).map(([k, v]) => [v as string, k as AccountErrorKey]),
);

export function accountErrorKey(message: string | undefined | null): AccountErrorKey | null {
  return (message && BY_MESSAGE.get(message)) || null;
}
