import { router, authedProcedure } from "../trpc";
import {
  auditListInput,
  createUserInput,
  listUsersInput,
  setDisabledInput,
  setPolicyInput,
  setRoleInput,
  userRef,
} from "@/lib/schemas/admin";
import * as users from "@/server/services/admin-users";
import * as audit from "@/server/services/admin-audit";

// The admin console. Every procedure asks the permission table (admin.* rows) in its service.
export const adminRouter = router({
  listUsers: authedProcedure.input(listUsersInput).query(({ ctx, input }) => users.listUsers(ctx, input)),
  createUser: authedProcedure
    .input(createUserInput)
    .mutation(({ ctx, input }) => users.createUser(ctx, input)),
  setRole: authedProcedure.input(setRoleInput).mutation(({ ctx, input }) => users.setUserRole(ctx, input)),
  setDisabled: authedProcedure
    .input(setDisabledInput)
    .mutation(({ ctx, input }) => users.setUserDisabled(ctx, input)),
  resetTwoFactor: authedProcedure
    .input(userRef)
    .mutation(({ ctx, input }) => users.resetTwoFactor(ctx, input)),
  resetPassword: authedProcedure.input(userRef).mutation(({ ctx, input }) => users.resetPassword(ctx, input)),

  securitySettings: authedProcedure.query(({ ctx }) => users.getSecuritySettings(ctx)),
  setTwoFactorPolicy: authedProcedure
    .input(setPolicyInput)
    .mutation(({ ctx, input }) => users.setTwoFactorPolicy(ctx, input.policy)),

  auditLog: authedProcedure.input(auditListInput).query(({ ctx, input }) => audit.listAdminAudit(ctx, input)),
  verifyAuditLog: authedProcedure.query(({ ctx }) => audit.verifyAdminAudit(ctx)),
});
