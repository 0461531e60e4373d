import { router, publicProcedure, authedProcedure, sessionProcedure } from "../trpc";
import { changePasswordSchema, signUpSchema } from "@/lib/schemas/account";
import { codeInput, secondFactorInput } from "@/lib/schemas/security";
import { accountStatus, signUp } from "@/server/services/accounts";
import { changePassword } from "@/server/services/passwords";
import * as twoFactor from "@/server/services/two-factor";

// sessionProcedure: also open to restricted sessions, because these complete the pending step
// (change the one-time password, enrol 2FA). Everything else needs authedProcedure.
export const accountRouter = router({
  /** Creates an account (the caller then signs in through next-auth's credentials provider). */
  signUp: publicProcedure.input(signUpSchema).mutation(({ ctx, input }) => signUp(ctx.db, input)),

  /** What the landing page needs to explain how the first administrator comes to exist. */
  status: publicProcedure.query(({ ctx }) => accountStatus(ctx.db)),

  /** The signed-in user, as resolved from the session (database-checked). */
  me: sessionProcedure.query(({ ctx }) => ctx.session),

  changePassword: sessionProcedure
    .input(changePasswordSchema)
    .mutation(({ ctx, input }) => changePassword(ctx, input, ctx.clientIp ?? "unknown")),

  twoFactorStatus: sessionProcedure.query(({ ctx }) => twoFactor.twoFactorStatus(ctx)),
  beginTwoFactor: sessionProcedure.mutation(({ ctx }) => twoFactor.beginEnrolment(ctx)),
  confirmTwoFactor: sessionProcedure
    .input(codeInput)
    .mutation(({ ctx, input }) => twoFactor.confirmEnrolment(ctx, input.code)),
  regenerateRecoveryCodes: authedProcedure
    .input(secondFactorInput)
    .mutation(({ ctx, input }) =>
      twoFactor.regenerateRecoveryCodes(ctx, input.code, ctx.clientIp ?? "unknown"),
    ),
  disableTwoFactor: authedProcedure
    .input(secondFactorInput)
    .mutation(({ ctx, input }) => twoFactor.disableTwoFactor(ctx, input.code, ctx.clientIp ?? "unknown")),
});
