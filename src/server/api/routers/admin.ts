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

// The admin console. Every procedure asks the permission matrix (admin.* rows) in its service.
export const adminRouter = router({
  listUsers: authedProcedure
    .input(listUsersInput)
    .query(({ ctx, input }) => users.listUsers(ctx, ctx.session, input)),
  createUser: authedProcedure
    .input(createUserInput)
    .mutation(({ ctx, input }) => users.createUser(ctx, ctx.session, input)),
  setRole: authedProcedure
    .input(setRoleInput)
    .mutation(({ ctx, input }) => users.setUserRole(ctx, ctx.session, input)),
  setDisabled: authedProcedure
    .input(setDisabledInput)
    .mutation(({ ctx, input }) => users.setUserDisabled(ctx, ctx.session, input)),
  resetTwoFactor: authedProcedure
    .input(userRef)
    .mutation(({ ctx, input }) => users.resetTwoFactor(ctx, ctx.session, input)),
  resetPassword: authedProcedure
    .input(userRef)
    .mutation(({ ctx, input }) => users.resetPassword(ctx, ctx.session, input)),

  securitySettings: authedProcedure.query(({ ctx }) => users.getSecuritySettings(ctx, ctx.session)),
  setTwoFactorPolicy: authedProcedure
    .input(setPolicyInput)
    .mutation(({ ctx, input }) => users.setTwoFactorPolicy(ctx, ctx.session, input.policy)),

  auditLog: authedProcedure
    .input(auditListInput)
    .query(({ ctx, input }) => audit.listAdminAudit(ctx, ctx.session, input)),
  verifyAuditLog: authedProcedure.query(({ ctx }) => audit.verifyAdminAudit(ctx, ctx.session)),
});
