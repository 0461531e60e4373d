import type { GlobalRole } from "../roles";
import type { TwoFactorPolicy } from "../accounts/two-factor-policy";

/**
 * What the admin audit log records: every admin action, and the security changes people make to
 * their own account (so an auditor sees the whole history of an account's protection).
 * `actorId` is who did it, `targetUserId` whose account it concerns (the same for self-service).
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
  | { action: "account.recoveryCodesRegenerated" };

/** One entry as the log holds it. */
export interface AdminAuditEntry {
  seq: number;
  at: Date;
  actorId: string | null;
  targetUserId: string | null;
  event: AdminAuditAction;
}
