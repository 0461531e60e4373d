import { z } from "zod";
import { str } from "./text";

// Shared by the tRPC routers (server) and the sign-in / sign-up forms (client): one definition of
// what a valid name, email and password are. Forms translate issues by field, not by message.

export const NAME_MAX = 80;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const EMAIL_MAX = 254;

export const nameSchema = str().trim().min(1).max(NAME_MAX);

/** Emails are compared case-insensitively: trimmed and lower-cased before anything else. */
export const emailSchema = str().trim().toLowerCase().pipe(z.email().max(EMAIL_MAX));

/** New passwords: 10..200 characters, spaces allowed (passphrases), not trimmed. */
export const newPasswordSchema = str().min(PASSWORD_MIN).max(PASSWORD_MAX);

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

export const SAME_PASSWORD_MESSAGE = "Choose a password different from the current one";

/** Own account: the current password proves it is really them; the new one follows the rules. */
export const changePasswordSchema = z
  .object({
    currentPassword: str().min(1).max(PASSWORD_MAX),
    newPassword: newPasswordSchema,
  })
  .refine((d) => d.currentPassword !== d.newPassword, {
    path: ["newPassword"],
    message: SAME_PASSWORD_MESSAGE,
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export type AccountField = "name" | "email" | "password";

/** The first field each issue is about, e.g. to show errors next to their inputs. */
export function fieldsWithIssues(error: z.ZodError): AccountField[] {
  const fields = new Set<AccountField>();
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (field === "name" || field === "email" || field === "password") fields.add(field);
  }
  return [...fields];
}
