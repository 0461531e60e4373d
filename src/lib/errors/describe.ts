import type { InputIssue, WireRefusal } from "./refusal";

/** A translator of the `errors` namespace (next-intl's `t`, client or server). */
export interface ErrorTranslator {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

/** Parameters that are internal ids (action, phase) become words before they go in a sentence. */
const WORDS: Record<string, string> = {
  action: "actions",
  phase: "phases",
  from: "phases",
  to: "phases",
  next: "phases",
};

function words(t: ErrorTranslator, params: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      const key = WORDS[name] && `${WORDS[name]}.${value}`;
      return [name, key && t.has(key) ? t(key) : value];
    }),
  );
}

function issueText(t: ErrorTranslator, issue: InputIssue): string {
  const field = t.has(`fields.${issue.field}`) ? t(`fields.${issue.field}`) : t("fields.default");
  const key = t.has(`input.${issue.problem}`) ? `input.${issue.problem}` : "input.INVALID";
  return t(key, { field, ...issue.params });
}

/** THE sentence for a refusal, in the translator's language. */
export function describeRefusal(t: ErrorTranslator, refusal: WireRefusal): string {
  if (refusal.issues?.length) return [...new Set(refusal.issues.map((i) => issueText(t, i)))].join(" ");
  const key = `refusals.${refusal.code}`;
  return t.has(key) ? t(key, words(t, refusal.params)) : t("generic");
}
