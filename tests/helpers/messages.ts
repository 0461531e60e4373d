// The texts people read, from the app's message files, for end-to-end tests to look for.

/** `{name}` placeholders filled in, as next-intl does for simple arguments. */
export const fill = (template: string, values: Record<string, string | number> = {}) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
