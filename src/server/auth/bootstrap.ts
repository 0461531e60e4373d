import type { Deps } from "@/server/deps";
import type { Env } from "@/env";
import { emailSchema, nameSchema } from "@/lib/schemas/account";
import { runAccountCommand } from "@/server/services/admin-log";
import { hashPassword } from "./password";

type EnsureAdminResult = "created" | "exists" | "not-configured";

/**
 * When ADMIN_EMAIL and ADMIN_PASSWORD are set and no user has that email, creates that user as
 * ADMIN, and records it in the admin audit log (by the server: no actor). Idempotent: an
 * existing account with that email is left as it is (its password and role are never
 * overwritten from the environment). Call once at server start, before serving.
 */
export async function ensureAdmin(
  deps: Pick<Deps, "db" | "clock" | "bus">,
  env: Pick<Env, "ADMIN_EMAIL" | "ADMIN_PASSWORD">,
): Promise<EnsureAdminResult> {
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD) return "not-configured";
  const email = emailSchema.parse(env.ADMIN_EMAIL);
  if (await deps.db.user.findUnique({ where: { email }, select: { id: true } })) return "exists";
  const name = nameSchema.parse(email.split("@")[0] || "Administrator");
  const passwordHash = await hashPassword(env.ADMIN_PASSWORD);
  // The log's lock serialises this with another process starting at the same time.
  return runAccountCommand(deps, null, async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      return { result: "exists" as const, entries: [] };
    }
    const user = await tx.user.create({ data: { email, name, passwordHash, globalRole: "ADMIN" } });
    return {
      result: "created" as const,
      entries: [
        { targetUserId: user.id, event: { action: "user.createdAtStart", email, name, role: "ADMIN" } },
      ],
    };
  });
}
