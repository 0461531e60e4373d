import { z } from "zod";
import { str } from "./text";

// Shared by the tRPC routers (server) and the sign-in / sign-up forms (client): one definition of
// what a valid name, email and password are. Forms translate issues by field, not by message.

export const NAME_MAX = 80;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
const EMAIL_MAX = 254;

export const nameSchema = str().trim().min(1).max(NAME_MAX);

/** Emails are compared case-insensitively: trimmed and lower-cased before anything else. */
export const emailSchema = str().trim().toLowerCase().pipe(z.email().max(EMAIL_MAX));

/** New passwords: 10..200 characters, spaces allowed (passphrases), not trimmed. */
const newPasswordSchema = str().min(PASSWORD_MIN).max(PASSWORD_MAX);

export const signUpSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: newPasswordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

/** Sign-in accepts any non-empty password up to the maximum: length rules are for new passwords. */
export const signInSchema = z.object({
  email: emailSchema,
  password: str().min(1).max(PASSWORD_MAX),
});
export type SignInInput = z.infer<typeof signInSchema>;

const SAME_PASSWORD_MESSAGE = "Choose a password different from the current one";

/** Own account: the current password proves it is really them; the new one follows the rules. */
export const changePasswordSchema = z
  .object({
    currentPassword: str().min(1).max(PASSWORD_MAX),
    newPassword: newPasswordSchema,
  })
  .refine((d) => d.currentPassword !== d.newPassword, {
    path: ["newPassword"],
    message: SAME_PASSWORD_MESSAGE,
    params: { problem: "SAME_PASSWORD" },
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
