import type { AppLocale } from "@/i18n/routing";

/**
 * Message catalogue: one JSON file per namespace and locale, `src/messages/<locale>/<ns>.json`.
 *
 * To add a namespace, create `en/<ns>.json` and `fr/<ns>.json` (same keys) and add its name to
 * NAMESPACES below: that is the only line to change. Components then use
 * `useTranslations("<ns>")` / `getTranslations("<ns>")`.
 * tests/unit/auth/messages.test.ts checks that every file is listed, that every listed namespace
 * exists for every locale, and that en and fr have the same keys.
 */
export const NAMESPACES = [
  "common",
  "auth",
  "nav",
  "meetings",
  "room",
  "records",
  "governance",
  "account",
  "admin",
  "errors",
  "a11y",
  "canvas",
  "floor",
  "video",
] as const;

export type MessageTree = { [key: string]: string | MessageTree };
type Messages = Record<string, MessageTree>;

/**
 * Loads every namespace of a locale, merged under its namespace name. The import path is a
 * template over a fixed folder, so the bundler (Turbopack) includes every JSON file of
 * src/messages/<locale>/ at build time: nothing is read from disk at run time.
 */
export async function loadMessages(locale: AppLocale): Promise<Messages> {
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => {
      const mod = (await import(`./${locale}/${ns}.json`)) as { default: MessageTree };
      return [ns, mod.default] as const;
    }),
  );
  return Object.fromEntries(entries);
}
