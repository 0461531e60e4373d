import { router, createCallerFactory } from "./trpc";
import { accountRouter } from "./routers/account";
import { meetingsRouter } from "./routers/meetings";
import { tokensRouter } from "./routers/tokens";

export const appRouter = router({
  account: accountRouter,
  meetings: meetingsRouter,
  tokens: tokensRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
