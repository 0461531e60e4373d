import type { Deps } from "@/server/deps";
import { totpAad } from "./two-factor";

/**
 * After a new key was put first in SECRETS_KEYRING: re-seals every stored TOTP secret (enabled
 * and pending enrolments) under the new current key, so the old key can then be removed. Each
 * write is conditional on the value read, so a concurrent change is never overwritten.
 * Returns how many values were re-sealed.
 */
export async function resealTotpSecrets(deps: Pick<Deps, "db" | "secrets">): Promise<number> {
  const rows = await deps.db.user.findMany({
    where: { OR: [{ totpSecretEnc: { not: null } }, { totpPendingEnc: { not: null } }] },
    select: { id: true, totpSecretEnc: true, totpPendingEnc: true },
  });
  let changed = 0;
  for (const row of rows) {
    for (const field of ["totpSecretEnc", "totpPendingEnc"] as const) {
      const sealed = row[field];
      if (!sealed || !deps.secrets.needsRotation(sealed)) continue;
      const { count } = await deps.db.user.updateMany({
        where: { id: row.id, [field]: sealed },
        data: { [field]: deps.secrets.rotate(sealed, totpAad(row.id)) },
      });
      changed += count;
    }
  }
  return changed;
}
