import { z } from "zod";

// The only reader of process.env: everything else receives validated settings.
/** An unset variable and an empty one (`FOO=""` in .env) mean the same: not configured. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().min(1).default("file:./data/orchestrasec.db"),
  NEXTAUTH_URL: unsetIfEmpty(z.string().url()),
  NEXTAUTH_SECRET: unsetIfEmpty(z.string().min(16)),
  ADMIN_EMAIL: unsetIfEmpty(z.string().email()),
  ADMIN_PASSWORD: unsetIfEmpty(z.string().min(10)),
  // How committed events reach other processes: "memory" (one process) or "postgres" (LISTEN/
  // NOTIFY on DATABASE_URL). Default: postgres when the database is PostgreSQL.
  EVENT_BUS: unsetIfEmpty(z.enum(["memory", "postgres"])),
  // Keys that encrypt secrets at rest (AES-256-GCM): "id:base64key,oldId:base64key", current first.
  SECRETS_KEYRING: unsetIfEmpty(z.string()),
  // Behind a reverse proxy: take the client address from X-Forwarded-For (for sign-in limits).
  TRUST_PROXY: unsetIfEmpty(z.stringbool()),
  // Video: the ICE servers browsers use (JSON array of RTCIceServer), and/or one TURN server
  // whose short-lived credentials are signed with the secret it shares (coturn use-auth-secret).
  ICE_SERVERS: unsetIfEmpty(z.string()),
  TURN_URL: unsetIfEmpty(z.string()),
  TURN_SECRET: unsetIfEmpty(z.string().min(16)),
  // Video through Janus's VideoRoom (an SFU) instead of the peer-to-peer mesh: its WebSocket API
  // (ws://127.0.0.1:8188 next to the app, or a private address) and the api_secret it requires.
  JANUS_URL: unsetIfEmpty(z.string().regex(/^wss?:\/\//, "JANUS_URL is a ws:// or wss:// address")),
  JANUS_SECRET: unsetIfEmpty(z.string().min(16)),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    cached = parseEnv(process.env);
  }
  return cached;
}

/** Validates `source` (process.env) into settings, or throws saying every variable that is wrong. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema
    .refine((e) => !e.JANUS_URL === !e.JANUS_SECRET, {
      message: "JANUS_URL and JANUS_SECRET go together (Janus must require its api_secret)",
      path: ["JANUS_SECRET"],
    })
    .safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** Hosts that mean "every interface": not an address a browser can be sent to. */
const WILDCARD_HOSTS = new Set(["", "0.0.0.0", "::", "[::]"]);

/**
 * The app's public URL: NEXTAUTH_URL when set, otherwise where the server listens,
 * http://<HOST>:<PORT> (localhost for a wildcard HOST). next-auth builds its URLs (redirects,
 * callbacks) on it, and without one it assumed http://localhost:3000 whatever the port.
 */
export function publicUrl(config: Pick<Env, "NEXTAUTH_URL" | "HOST" | "PORT">): string {
  if (config.NEXTAUTH_URL) return config.NEXTAUTH_URL;
  const host = WILDCARD_HOSTS.has(config.HOST.trim()) ? "localhost" : config.HOST.trim();
  // An IPv6 address needs brackets in a URL.
  const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `http://${bracketed}:${config.PORT}`;
}
