import { accountRouter } from "./routers/account";
import { apiTokenRouter } from "./routers/apiToken";
import { memberRouter } from "./routers/member";
import { projectRouter } from "./routers/project";
import { shareLinkRouter } from "./routers/shareLink";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  account: accountRouter,
  project: projectRouter,
  member: memberRouter,
  shareLink: shareLinkRouter,
  apiToken: apiTokenRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
