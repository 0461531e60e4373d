import type { GlobalRole } from "../roles";
import { refuse } from "../errors";

/**
 * The instance must keep at least one active (not disabled) Admin: otherwise nobody could manage
 * accounts any more. `activeAdmins` counts them before the change.
 */
interface AccountChange {
  target: { globalRole: GlobalRole; disabled: boolean };
  /** The role and disabled flag the target would have after the change. */
  after: { globalRole: GlobalRole; disabled: boolean };
  activeAdmins: number;
}

const isActiveAdmin = (a: { globalRole: GlobalRole; disabled: boolean }) =>
  a.globalRole === "ADMIN" && !a.disabled;

export function removesLastActiveAdmin({ target, after, activeAdmins }: AccountChange): boolean {
  return isActiveAdmin(target) && !isActiveAdmin(after) && activeAdmins <= 1;
}

export function assertKeepsAnAdmin(change: AccountChange): void {
  if (removesLastActiveAdmin(change)) throw refuse("LAST_ADMIN");
}
