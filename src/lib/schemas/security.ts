import { z } from "zod";
import { str } from "./text";

// Second-factor input, shared by the forms (client) and the routers (server). Only the shape is
// checked here; whether a code is right is the server's business (services/two-factor.ts).

const TOTP_CODE = /^[0-9]{6}$/;
// Recovery codes are 10 symbols, shown as xxxxx-xxxxx; separators and case do not matter.
const RECOVERY_CODE = /^[0-9a-z]{10}$/i;

export const TOTP_CODE_MESSAGE = "Enter the 6-digit code from your authenticator app";
const SECOND_FACTOR_CODE_MESSAGE =
  "Enter the 6-digit code from your authenticator app, or one of your recovery codes";

const withoutSpaces = (v: string) => v.replace(/\s/g, "");

/** A current code from the authenticator app: exactly 6 digits (spaces ignored). */
export const totpCodeSchema = str()
  .max(20)
  .transform(withoutSpaces)
  .refine((v) => TOTP_CODE.test(v), TOTP_CODE_MESSAGE);

/** An app code (6 digits) or a recovery code (10 letters and digits). */
export function isSecondFactorCode(input: string): boolean {
  const v = withoutSpaces(input);
  return /^[0-9]+$/.test(v) ? TOTP_CODE.test(v) : RECOVERY_CODE.test(v.replace(/[-_]/g, ""));
}

export const secondFactorCodeSchema = str()
  .max(40)
  .transform((v) => v.trim())
  .refine(isSecondFactorCode, SECOND_FACTOR_CODE_MESSAGE);

export const codeInput = z.object({ code: totpCodeSchema });
export const secondFactorInput = z.object({ code: secondFactorCodeSchema });
