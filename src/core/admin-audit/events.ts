import type { GlobalRole } from "../roles";
import type { TwoFactorPolicy } from "../accounts/two-factor-policy";

/**
 * What the admin audit log records: every admin action, the security changes people make to
 * their own account (so an auditor sees the whole history of an account's protection), and the
 * account events compliance asks for: sign-ins that passed a second factor, recovery codes
 * spent, locks after failed attempts, and the administrator created from ADMIN_EMAIL.
 * `actorId` is who did it (null: the server itself), `targetUserId` whose account it concerns
 * (the same for self-service). `ip` is the client address the attempt came from
 * (auth/client-ip.ts).
 */
export type AdminAuditAction =
  | { action: "user.created"; email: string; name: string; role: GlobalRole }
  | { action: "user.roleChanged"; from: GlobalRole; to: GlobalRole }
  | { action: "user.disabled" }
  | { action: "user.enabled" }
  | { action: "user.twoFactorReset" }
  | { action: "user.passwordReset" }
  | { action: "settings.twoFactorPolicyChanged"; from: TwoFactorPolicy; to: TwoFactorPolicy }
  | { action: "account.passwordChanged" }
  | { action: "account.twoFactorEnabled" }
  | { action: "account.twoFactorDisabled" }
  | { action: "account.recoveryCodesRegenerated" }
  | { action: "account.signedInWithSecondFactor"; method: SecondFactorMethod; ip: string }
  | { action: "account.recoveryCodeUsed"; remaining: number; ip: string }
  /** The account (by its email) was locked by failed password or code attempts. */
  | { action: "account.locked"; until: string; failures: number; ip: string }
  /** A client address was locked by failed attempts, whichever accounts they named. */
  | { action: "address.locked"; until: string; failures: number; ip: string }
  /** The server created its first administrator from ADMIN_EMAIL / ADMIN_PASSWORD at start. */
  | { action: "user.createdAtStart"; email: string; name: string; role: GlobalRole };

export type SecondFactorMethod = "totp" | "recoveryCode";

export type AdminAuditActionName = AdminAuditAction["action"];

export const ADMIN_AUDIT_ACTIONS = [
  "user.created",
  "user.roleChanged",
  "user.disabled",
  "user.enabled",
  "user.twoFactorReset",
  "user.passwordReset",
  "settings.twoFactorPolicyChanged",
  "account.passwordChanged",
  "account.twoFactorEnabled",
  "account.twoFactorDisabled",
  "account.recoveryCodesRegenerated",
  "account.signedInWithSecondFactor",
  "account.recoveryCodeUsed",
  "account.locked",
  "address.locked",
  "user.createdAtStart",
] as const satisfies readonly AdminAuditActionName[];

/** One entry as the log holds it. */
export interface AdminAuditEntry {
  seq: number;
  at: Date;
  actorId: string | null;
  targetUserId: string | null;
  event: AdminAuditAction;
}
