import type { Db } from "@/server/db/client";
import type { Env } from "@/env";
import { emailSchema, nameSchema } from "@/lib/schemas/account";
import { hashPassword } from "./password";

type EnsureAdminResult = "created" | "exists" | "not-configured";

/**
 * When ADMIN_EMAIL and ADMIN_PASSWORD are set and no user has that email, creates that user as
 * ADMIN. Idempotent: an existing account with that email is left as it is (its password and role
 * are never overwritten from the environment). Call once at server start, before serving.
 */
export async function ensureAdmin(
  db: Db,
  env: Pick<Env, "ADMIN_EMAIL" | "ADMIN_PASSWORD">,
): Promise<EnsureAdminResult> {
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD) return "not-configured";
  const email = emailSchema.parse(env.ADMIN_EMAIL);
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) return "exists";
  const name = nameSchema.parse(email.split("@")[0] || "Administrator");
  try {
    await db.user.create({
      data: { email, name, passwordHash: await hashPassword(env.ADMIN_PASSWORD), globalRole: "ADMIN" },
    });
    return "created";
  } catch (error) {
    // Another process created it in the meantime.
    if ((error as { code?: string } | null)?.code === "P2002") return "exists";
    throw error;
  }
}
