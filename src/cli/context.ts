import { existsSync } from "node:fs";
import path from "node:path";
import { env } from "@/env";
import { createPrisma, type Db } from "@/server/db/client";
import { createSecretBox, resolveKeyring, type SecretBox } from "@/server/security/secret-box";

// What the operator commands need: the database and the secrets keyring, configured exactly as
// the server is (environment, then .env), and nothing else (no event bus, no Next).

interface CliContext {
  db: Db;
  secrets: SecretBox;
  close(): Promise<void>;
}

export function cliContext(): CliContext {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = env();
  const db = createPrisma(config.DATABASE_URL);
  return {
    db,
    secrets: createSecretBox(resolveKeyring(config.SECRETS_KEYRING, path.join(process.cwd(), "data"))),
    close: () => db.$disconnect(),
  };
}

/** Runs a command's main, turning an exception into a message and exit code 1. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
