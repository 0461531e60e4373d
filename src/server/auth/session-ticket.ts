import { z } from "zod";
import type { SecretBox } from "@/server/security/secret-box";

/**
 * A session ticket lets the browser that just changed its own security (confirmed 2FA enrolment,
 * changed its password) get a fresh session token: those changes bump the account's
 * sessionVersion, which ends every session, including the current one. The server hands back a
 * ticket, the browser passes it to next-auth's credentials provider, which issues the new token.
 *
 * The ticket is sealed by the SecretBox (AES-256-GCM), so it cannot be forged or altered, names
 * the sessionVersion it was issued for (a later change voids it), and lasts two minutes.
 */
const SESSION_TICKET_TTL_MS = 2 * 60_000;
const AAD = "session-ticket";

interface TicketClaims {
  userId: string;
  sv: number;
  /** Whether the new session counts as having passed the second factor. */
  mfa: boolean;
}

const payload = z.object({ u: z.string(), sv: z.number().int(), mfa: z.boolean(), exp: z.number() });

export function issueSessionTicket(secrets: SecretBox, now: Date, claims: TicketClaims): string {
  const exp = now.getTime() + SESSION_TICKET_TTL_MS;
  return secrets.encrypt(JSON.stringify({ u: claims.userId, sv: claims.sv, mfa: claims.mfa, exp }), AAD);
}

/** The claims of a genuine, unexpired ticket; null for anything else. */
export function openSessionTicket(secrets: SecretBox, now: Date, ticket: string): TicketClaims | null {
  try {
    const parsed = payload.safeParse(JSON.parse(secrets.decrypt(ticket, AAD)));
    if (!parsed.success || now.getTime() >= parsed.data.exp) return null;
    return { userId: parsed.data.u, sv: parsed.data.sv, mfa: parsed.data.mfa };
  } catch {
    return null;
  }
}
