import { existsSync } from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { PROJECT_ROOT } from "../tests/helpers/database";

/** The sections that start the real app need its production build: built once if there is none. */
export function ensureBuild(): void {
  if (existsSync(path.join(PROJECT_ROOT, ".next", "BUILD_ID"))) return;
  console.log("no production build yet: building it once (npx next build)");
  execFileSync("npx", ["next", "build"], { cwd: PROJECT_ROOT, stdio: "ignore" });
}
