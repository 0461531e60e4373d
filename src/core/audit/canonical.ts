// Canonical JSON: object keys sorted, no whitespace, dates as ISO-8601 UTC with milliseconds,
// undefined members dropped, non-finite numbers refused. Same value -> same bytes, always.

export type Canonicalizable =
  | string
  | number
  | boolean
  | null
  | Date
  | undefined
  | readonly Canonicalizable[]
  | { readonly [key: string]: Canonicalizable };

export function canonicalJson(value: Canonicalizable): string {
  if (value === null) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  }
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new Error(`Cannot canonicalize number ${value}`);
      return JSON.stringify(value);
    case "object": {
      const obj = value as { readonly [key: string]: Canonicalizable };
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
    }
    default:
      throw new Error(`Cannot canonicalize ${typeof value}`);
  }
}
