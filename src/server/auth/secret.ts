import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/env";

/**
 * The secret that signs session JWTs. Taken from NEXTAUTH_SECRET when set; otherwise created
 * once and kept in data/ so a first run on a fresh machine needs no configuration.
 */
export function authSecret(): string {
  const configured = env().NEXTAUTH_SECRET;
  if (configured) return configured;
  const file = path.join(process.cwd(), "data", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  const secret = readFileSync(file, "utf8").trim();
  // Next-auth reads process.env.NEXTAUTH_SECRET in places we do not call ourselves.
  process.env.NEXTAUTH_SECRET ??= secret;
  return secret;
}
