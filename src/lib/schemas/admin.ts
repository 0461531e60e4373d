import { z } from "zod";
import { str } from "./text";
import { GLOBAL_ROLES } from "@/core/roles";
import { TWO_FACTOR_POLICIES } from "@/core/accounts/two-factor-policy";
import { emailSchema, nameSchema } from "./account";

// Inputs of the admin console, shared by its forms and the admin router.

const globalRoleSchema = z.enum(GLOBAL_ROLES, {
  error: `Role must be one of ${GLOBAL_ROLES.join(", ")}`,
});

const twoFactorPolicySchema = z.enum(TWO_FACTOR_POLICIES, {
  error: `Policy must be one of ${TWO_FACTOR_POLICIES.join(", ")}`,
});

const userId = str().trim().min(1, "User id is required").max(64);

export const userRef = z.object({ userId });

export const listUsersInput = z.object({
  query: str().trim().max(200).optional(),
  /** The last user id of the previous page. */
  cursor: str().max(64).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const createUserInput = z.object({
  name: nameSchema,
  email: emailSchema,
  role: globalRoleSchema,
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const setRoleInput = z.object({ userId, role: globalRoleSchema });
export const setDisabledInput = z.object({ userId, disabled: z.boolean() });
export const setPolicyInput = z.object({ policy: twoFactorPolicySchema });

export const auditListInput = z.object({
  /** Entries older than this sequence number (the previous page's last). */
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
