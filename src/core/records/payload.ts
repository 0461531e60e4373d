// Reading event payloads by field name. The record must describe events of any type, including
// ones added after this code (and old ones whose shape moved on), so nothing here trusts the
// MeetingEvent union: a missing or mistyped field reads as absent.

export type Payload = Readonly<Record<string, unknown>>;

export const payloadOf = (event: object): Payload => event as Payload;

export function str(p: Payload, key: string): string | null {
  const v = p[key];
  return typeof v === "string" ? v : null;
}

export function num(p: Payload, key: string): number | null {
  const v = p[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

export function obj(p: Payload, key: string): Payload | null {
  const v = p[key];
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Payload) : null;
}

export function arr(p: Payload, key: string): readonly unknown[] {
  const v = p[key];
  return Array.isArray(v) ? v : [];
}

/** The first of several field names that holds a string (payload shapes differ between types). */
export function firstStr(p: Payload, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = str(p, k);
    if (v !== null) return v;
  }
  return null;
}
