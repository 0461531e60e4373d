import { generate, generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

/**
 * TOTP as every authenticator app understands it (RFC 6238: SHA-1, 6 digits, 30 s steps), on
 * otplib 13. Time is always passed in (`clock.now()` from the caller's injected clock), so
 * window edges are testable to the second.
 */

const TOTP_ISSUER = "OrchestraSec";
export const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one, for clock drift and typing time. */
const TOTP_TOLERANCE_STEPS = 1;
// 20 bytes = 160 bits, the secret length RFC 4226 recommends.
const SECRET_BYTES = 20;
const CODE_FORMAT = /^[0-9]{6}$/;

type TotpVerification = { ok: true; step: number } | { ok: false; reason: "format" | "invalid" | "replayed" };

const epochSeconds = (now: Date) => Math.floor(now.getTime() / 1000);

/** The RFC 6238 time step (counter) that `now` falls in. */
export function totpStep(now: Date): number {
  return Math.floor(epochSeconds(now) / TOTP_PERIOD_SECONDS);
}

/** A new random secret, base32 (what authenticator apps and otpauth URIs expect). */
export function createTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

/** The otpauth:// URI an authenticator app scans: `otpauth://totp/OrchestraSec:<account>?secret=…`. */
export function otpauthUri(input: { secret: string; accountName: string; issuer?: string }): string {
  return generateURI({
    issuer: input.issuer ?? TOTP_ISSUER,
    label: input.accountName,
    secret: input.secret,
  });
}

/** The code an authenticator shows at `now` (for tests and the e2e suite). */
export function generateTotp(secret: string, now: Date): Promise<string> {
  return generate({
    secret,
    epoch: epochSeconds(now),
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
  });
}

function check(secret: string, code: string, now: Date, afterTimeStep?: number) {
  return verify({
    secret,
    token: code,
    epoch: epochSeconds(now),
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
    // Tolerance is in seconds: one period either side covers exactly the previous and next step.
    epochTolerance: TOTP_TOLERANCE_STEPS * TOTP_PERIOD_SECONDS,
    afterTimeStep,
  });
}

/**
 * Checks a 6-digit code against steps current-1 .. current+1. A code whose step is at or before
 * `lastUsedStep` is refused as "replayed": the caller stores the returned `step` as the new
 * `lastUsedStep` after a success, so each code (and every older one) works only once.
 */
export async function verifyTotp(input: {
  secret: string;
  code: string;
  now: Date;
  lastUsedStep?: number | null;
}): Promise<TotpVerification> {
  const { secret, code, now } = input;
  if (!CODE_FORMAT.test(code)) return { ok: false, reason: "format" };
  const last = input.lastUsedStep == null || input.lastUsedStep < 0 ? undefined : input.lastUsedStep;
  if (last !== undefined && !Number.isSafeInteger(last))
    throw new TypeError("lastUsedStep must be an integer");
  const newest = totpStep(now) + TOTP_TOLERANCE_STEPS;
  // otplib throws when afterTimeStep lies past the window; then every step in it is used already.
  if (last === undefined || last < newest) {
    const fresh = await check(secret, code, now, last);
    // delta (in steps from now) is typed for TOTP and HOTP results alike, unlike timeStep.
    if (fresh.valid) return { ok: true, step: totpStep(now) + fresh.delta };
  }
  if (last === undefined) return { ok: false, reason: "invalid" };
  // Second pass only to tell a replay from a wrong code (the message the user sees differs).
  const any = await check(secret, code, now);
  return { ok: false, reason: any.valid ? "replayed" : "invalid" };
}

/** The otpauth URI as a PNG data URL for an <img>: rendered here, no external QR service. */
export function qrCodeDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, {
    errorCorrectionLevel: "M",
    margin: 2,
    width: 240,
  });
}
