import type { Db } from "@/server/db/client";
import { refuse } from "@/core/errors";
import type { GlobalRole } from "@/core/roles";
import { env } from "@/env";
import { hashPassword } from "@/server/auth/password";
import { signUpSchema, type SignUpInput } from "@/lib/schemas/account";
import { withTransientRetry } from "./retry";

/**
 * How the first administrator comes to exist (the landing page explains the rule to visitors):
 *
 * - when ADMIN_EMAIL (and ADMIN_PASSWORD) are configured, the server creates that account as
 *   ADMIN at start-up (auth/bootstrap.ts: ensureAdmin) and every sign-up is a plain USER;
 * - otherwise the very first account ever created through sign-up becomes ADMIN, and every later
 *   one is a USER. "First" is decided inside a serializable transaction, so two simultaneous
 *   first sign-ups cannot both become administrators.
 */
interface AccountSettings {
  /** True when the server configures the administrator (ADMIN_EMAIL set). */
  adminConfiguredByServer: boolean;
}

function accountSettingsFromEnv(): AccountSettings {
  return { adminConfiguredByServer: Boolean(env().ADMIN_EMAIL) };
}

interface CreatedAccount {
  userId: string;
  email: string;
  name: string;
  globalRole: GlobalRole;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

/**
 * Postgres reports a lost serializable race from inside an interactive transaction as a
 * DriverAdapterError "TransactionWriteConflict" (not P2034): retry it like the other transient
 * errors withTransientRetry knows.
 */
async function retryConflicts<T>(run: () => Promise<T>, attempts = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await withTransientRetry(run);
    } catch (error) {
      const text = error instanceof Error ? `${error.name} ${error.message}` : "";
      if (i >= attempts || !/TransactionWriteConflict/.test(text)) throw error;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 20));
    }
  }
}

export async function signUp(
  db: Db,
  input: SignUpInput,
  settings: AccountSettings = accountSettingsFromEnv(),
): Promise<CreatedAccount> {
  const { name, email, password } = signUpSchema.parse(input);
  // Hash outside the transaction: it takes ~100 ms and must not hold the database's write lock.
  const passwordHash = await hashPassword(password);
  try {
    const user = await retryConflicts(() =>
      db.$transaction(
        async (tx) => {
          if (await tx.user.findUnique({ where: { email }, select: { id: true } }))
            throw refuse("EMAIL_TAKEN");
          const first = !settings.adminConfiguredByServer && (await tx.user.count()) === 0;
          const globalRole: GlobalRole = first ? "ADMIN" : "USER";
          return tx.user.create({ data: { email, name, passwordHash, globalRole } });
        },
        { isolationLevel: "Serializable" },
      ),
    );
    return { userId: user.id, email: user.email, name: user.name, globalRole: user.globalRole as GlobalRole };
  } catch (error) {
    if (isUniqueViolation(error)) throw refuse("EMAIL_TAKEN");
    throw error;
  }
}

interface AccountStatus {
  hasUsers: boolean;
  /** The next sign-up becomes the administrator. */
  firstUserBecomesAdmin: boolean;
  /** The administrator account is configured by the server (ADMIN_EMAIL). */
  adminConfiguredByServer: boolean;
}

export async function accountStatus(
  db: Db,
  settings: AccountSettings = accountSettingsFromEnv(),
): Promise<AccountStatus> {
  const hasUsers = (await db.user.findFirst({ select: { id: true } })) !== null;
  return {
    hasUsers,
    firstUserBecomesAdmin: !hasUsers && !settings.adminConfiguredByServer,
    adminConfiguredByServer: settings.adminConfiguredByServer,
  };
}
