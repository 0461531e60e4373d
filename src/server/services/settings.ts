import type { Tx } from "@/server/db/client";
import {
  DEFAULT_TWO_FACTOR_POLICY,
  parseTwoFactorPolicy,
  type TwoFactorPolicy,
} from "@/core/accounts/two-factor-policy";

// Instance-wide settings live in the Setting table as JSON values, one row per key; a missing
// row means the default.

const TWO_FACTOR_POLICY_KEY = "security.twoFactorPolicy";

/** Reads through anything that can find a setting: the client, a transaction, a read-only view. */
export async function readTwoFactorPolicy(db: {
  setting: Pick<Tx["setting"], "findUnique">;
}): Promise<TwoFactorPolicy> {
  const row = await db.setting.findUnique({ where: { key: TWO_FACTOR_POLICY_KEY } });
  if (!row) return DEFAULT_TWO_FACTOR_POLICY;
  try {
    return parseTwoFactorPolicy(JSON.parse(row.value));
  } catch {
    return DEFAULT_TWO_FACTOR_POLICY;
  }
}

export async function writeTwoFactorPolicy(
  tx: Tx,
  policy: TwoFactorPolicy,
  by: { userId: string; at: Date },
): Promise<void> {
  const data = { value: JSON.stringify(policy), updatedAt: by.at, updatedById: by.userId };
  await tx.setting.upsert({
    where: { key: TWO_FACTOR_POLICY_KEY },
    create: { key: TWO_FACTOR_POLICY_KEY, ...data },
    update: data,
  });
}
