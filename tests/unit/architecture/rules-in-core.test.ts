import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const PROJECT_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

// Every rule of the domain lives in src/core: a role or phase compared in a service, a router, a
// page or a component is a rule written twice, which one day says something else than the core.
// This reads the code outside src/core as text and fails on such comparisons.

const SCANNED = ["src/server", "src/app", "src/components"];
const ROLES = "ADMIN|AUDITOR|USER|FACILITATOR|PARTICIPANT|OBSERVER|NON_MEMBER|ANONYMOUS";
const PHASES = "IDEATION|CLARIFICATION|DECISION|FEEDBACK|CLOSED";

const PATTERNS: { what: string; re: RegExp }[] = [
  // `role === x`, `globalRole !== x`, but not `typeof v.role === "string"`.
  { what: "role comparison", re: /(?<!typeof [\w.]*)\b\w*[rR]ole\s*[!=]==/ },
  { what: "role literal compared", re: new RegExp(`[!=]==\\s*"(${ROLES})"|"(${ROLES})"\\s*[!=]==`) },
  // Any phase literal: compared, listed or defaulted to, it says what a phase allows.
  { what: "phase literal", re: new RegExp(`"(${PHASES})"`) },
];

/**
 * Known places, each with why it stays for now. An entry that no longer matches fails the test
 * too, so the list shrinks as the code is cleaned.
 */
const ALLOWED: { file: string; line: string; why: string }[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(PROJECT_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

/** Every comparison found, as "file:line: what: text". Comments are not code. */
function findings(files: readonly string[]): { file: string; text: string; report: string }[] {
  return files.flatMap((file) =>
    readFileSync(path.join(PROJECT_ROOT, file), "utf8")
      .split("\n")
      .flatMap((text, i) => {
        const code = text.replace(/\/\/.*$/, "").trim();
        if (code.startsWith("*") || code.startsWith("/*")) return [];
        return PATTERNS.filter((p) => p.re.test(code)).map((p) => ({
          file,
          text: code,
          report: `${file}:${i + 1}: ${p.what}: ${code}`,
        }));
      }),
  );
}

const allowedFor = (f: { file: string; text: string }) =>
  ALLOWED.find((a) => path.basename(f.file) === a.file && f.text.includes(a.line));

describe("no rule of the domain outside src/core", () => {
  const found = findings(SCANNED.flatMap(sourceFiles));

  it("finds no role or phase comparison in src/server, src/app, src/components", () => {
    expect(found.filter((f) => !allowedFor(f)).map((f) => f.report)).toEqual([]);
  });

  it("keeps no allow-list entry that matches nothing any more", () => {
    expect(ALLOWED.filter((a) => !found.some((f) => allowedFor(f) === a)).map((a) => a.line)).toEqual([]);
  });

  it("recognises each kind of comparison (so the patterns above can fail)", () => {
    const samples = [
      'if (member.role === "FACILITATOR") return;',
      'const staff = user.globalRole !== "USER";',
      'if ("OBSERVER" === kind) return;',
      'const open = phase !== "CLOSED";',
      'can(kind, "idea.post", "IDEATION")',
    ];
    const hits = samples.map((s) => PATTERNS.filter((p) => p.re.test(s)).map((p) => p.what));
    expect(hits).toEqual([
      ["role comparison", "role literal compared"],
      ["role comparison", "role literal compared"],
      ["role literal compared"],
      ["phase literal"],
      ["phase literal"],
    ]);
    expect(
      PATTERNS.some((p) => p.re.test('if (typeof v.role === "string") v.role = text.role(v.role);')),
    ).toBe(false);
  });
});
