import { router, publicProcedure, authedProcedure } from "../trpc";
import { signUpSchema } from "@/lib/schemas/account";
import { accountStatus, signUp } from "@/server/services/accounts";

export const accountRouter = router({
  /** Creates an account (the caller then signs in through next-auth's credentials provider). */
  signUp: publicProcedure.input(signUpSchema).mutation(({ ctx, input }) => signUp(ctx.db, input)),

  /** What the landing page needs to explain how the first administrator comes to exist. */
  status: publicProcedure.query(({ ctx }) => accountStatus(ctx.db)),

  /** The signed-in user, as resolved from the session (database-checked). */
  me: authedProcedure.query(({ ctx }) => ctx.session),
});
