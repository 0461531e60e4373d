import { router, createCallerFactory } from "./trpc";
import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { meetingsRouter } from "./routers/meetings";
import { tokensRouter } from "./routers/tokens";
import { floorRouter } from "./routers/floor";
import { phasesRouter } from "./routers/phases";
import { ideasRouter } from "./routers/ideas";
import { decisionsRouter } from "./routers/decisions";
import { feedbackRouter } from "./routers/feedback";
import { liveRouter } from "./routers/live";
import { recordsRouter } from "./routers/records";
import { annotationsRouter } from "./routers/annotations";
import { videoRouter } from "./routers/video";

export const appRouter = router({
  account: accountRouter,
  admin: adminRouter,
  meetings: meetingsRouter,
  tokens: tokensRouter,
  floor: floorRouter,
  phases: phasesRouter,
  ideas: ideasRouter,
  decisions: decisionsRouter,
  feedback: feedbackRouter,
  live: liveRouter,
  records: recordsRouter,
  annotations: annotationsRouter,
  video: videoRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
