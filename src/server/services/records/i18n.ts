import { createTranslator } from "next-intl";
import { loadMessages } from "@/messages";
import type { AppLocale } from "@/i18n/routing";
import type { Description, Values } from "@/core/records/describe";

// Exports (CSV, PDF) are written in the reader's language, from the same message files as the UI:
// the "records" namespace, plus the role and phase names the rest of the app uses.

type Translate = (key: string, values?: Values) => string;

export interface RecordText {
  locale: AppLocale;
  /** A key of the "records" namespace. */
  t: Translate;
  role(role: string | null): string;
  phase(phase: string): string;
}

export async function recordText(locale: AppLocale): Promise<RecordText> {
  const t = createTranslator({ locale, messages: await loadMessages(locale) }) as unknown as Translate & {
    has(key: string): boolean;
  };
  const named = (prefix: string, value: string | null) =>
    value && t.has(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : (value ?? "");
  return {
    locale,
    t: (key, values) => t(`records.${key}`, values),
    role: (role) => named("meetings.roles", role),
    phase: (phase) => named("meetings.phases", phase),
  };
}

/** An event's summary in words: role and phase values become their names first. */
export function describeWith(text: RecordText, d: Description): string {
  const v = { ...d.values };
  if (typeof v.role === "string") v.role = text.role(v.role);
  for (const key of ["from", "to"] as const) if (typeof v[key] === "string") v[key] = text.phase(v[key]);
  return text.t(d.key, v);
}

/** Times in exports are UTC, and say so: "2026-03-01 09:00:05 UTC". */
export function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** Time of day only ("09:00:05"), where a table says once that times are UTC. */
export function utcTime(date: Date): string {
  return date.toISOString().slice(11, 19);
}
