// The texts people read, from the app's message files, for end-to-end tests to look for.
import { createTranslator } from "next-intl";

/**
 * `{name}` placeholders filled in, as next-intl does for simple arguments; a template with ICU
 * plurals, numbers or selects is formatted by next-intl itself (`locale` picks the rules).
 */
export const fill = (template: string, values: Record<string, string | number> = {}, locale = "en") =>
  /, (plural|number|select)\b/.test(template)
    ? createTranslator({ locale, messages: { m: template } })("m", values)
    : template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
