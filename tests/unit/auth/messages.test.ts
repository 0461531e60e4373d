import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { routing } from "@/i18n/routing";
import { loadMessages, NAMESPACES, type MessageTree } from "@/messages";
import { ADMIN_AUDIT_ACTIONS, type AdminAuditActionName } from "@/core/admin-audit/events";

const dir = path.resolve(__dirname, "../../../src/messages");

function keys(tree: MessageTree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

/** [path, value] for every leaf, the path as an array (keys are not re-split). */
function leaves(tree: MessageTree, at: string[] = []): Array<[string[], unknown]> {
  return Object.entries(tree).flatMap(([k, v]) =>
    v !== null && typeof v === "object" ? leaves(v, [...at, k]) : [[[...at, k], v] as [string[], unknown]],
  );
}

describe("message catalogue", () => {
  it("lists every namespace file in src/messages/index.ts, and every listed namespace exists", () => {
    for (const locale of routing.locales) {
      const files = readdirSync(path.join(dir, locale))
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.replace(/\.json$/, ""))
        .sort();
      expect(files, `src/messages/${locale}/ vs NAMESPACES`).toEqual([...NAMESPACES].sort());
    }
  });

  it("has the same keys in every locale", async () => {
    const [base, ...others] = await Promise.all(routing.locales.map((l) => loadMessages(l)));
    for (const [i, other] of others.entries()) {
      for (const ns of NAMESPACES) {
        expect(keys(other[ns]).sort(), `${routing.locales[i + 1]}/${ns}.json`).toEqual(keys(base[ns]).sort());
      }
    }
  });

  it("has no empty messages", async () => {
    for (const locale of routing.locales) {
      const messages = await loadMessages(locale);
      for (const ns of NAMESPACES) {
        const empty = leaves(messages[ns])
          .filter(([, value]) => typeof value !== "string" || value.trim() === "")
          .map(([at]) => at.join("/"));
        expect(empty, `${locale}/${ns}.json`).toEqual([]);
      }
    }
  });

  it("uses no '.' inside keys (next-intl reads dots as nesting: such messages are unreachable)", async () => {
    for (const locale of routing.locales) {
      const messages = await loadMessages(locale);
      for (const ns of NAMESPACES) {
        const dotted = leaves(messages[ns])
          .filter(([at]) => at.some((k) => k.includes(".")))
          .map(([at]) => at.join("/"));
        expect(dotted, `${locale}/${ns}.json`).toEqual([]);
      }
    }
  });
});

describe("admin audit log", () => {
  // Each action the log can hold, and the message the console shows it with (AuditLog.tsx).
  const SENTENCES: Record<AdminAuditActionName, string> = {
    "user.created": "userCreated",
    "user.roleChanged": "userRoleChanged",
    "user.disabled": "userDisabled",
    "user.enabled": "userEnabled",
    "user.twoFactorReset": "userTwoFactorReset",
    "user.passwordReset": "userPasswordReset",
    "settings.twoFactorPolicyChanged": "settingsTwoFactorPolicyChanged",
    "account.passwordChanged": "accountPasswordChanged",
    "account.twoFactorEnabled": "accountTwoFactorEnabled",
    "account.twoFactorDisabled": "accountTwoFactorDisabled",
    "account.recoveryCodesRegenerated": "accountRecoveryCodesRegenerated",
    "account.signedInWithSecondFactor": "accountSignedInWithSecondFactor",
    "account.recoveryCodeUsed": "accountRecoveryCodeUsed",
    "account.locked": "accountLocked",
    "address.locked": "addressLocked",
    "user.createdAtStart": "userCreatedAtStart",
  };

  it("has a sentence for every action in every locale, and none for an action that is gone", async () => {
    expect(Object.keys(SENTENCES).sort()).toEqual([...ADMIN_AUDIT_ACTIONS].sort());
    for (const locale of routing.locales) {
      const actions = ((await loadMessages(locale)).admin.audit as MessageTree).actions as MessageTree;
      expect(Object.keys(actions).sort(), locale).toEqual(Object.values(SENTENCES).sort());
    }
  });
});
