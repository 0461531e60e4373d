// Runs one of the project's CLI commands (src/cli) as a separate process, as `npm run` would.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { PROJECT_ROOT } from "./database";

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCliCommand(script: string, args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join("src/cli", script), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
