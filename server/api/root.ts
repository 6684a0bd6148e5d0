import { accountRouter } from "./routers/account";
import { apiTokenRouter } from "./routers/apiToken";
import { artifactRouter } from "./routers/artifact";
import { canaryRouter } from "./routers/canary";
import { connectionRouter } from "./routers/connection";
import { batchPredictionRouter } from "./routers/batchPrediction";
import { datasetRouter } from "./routers/dataset";
import { deploymentRouter } from "./routers/deployment";
import { labelingRouter } from "./routers/labeling";
import { memberRouter } from "./routers/member";
import { navigationRouter } from "./routers/navigation";
import { notebookRouter } from "./routers/notebook";
import { pipelineRouter } from "./routers/pipeline";
import { projectRouter } from "./routers/project";
import { registryRouter } from "./routers/registry";
import { runRouter } from "./routers/run";
import { scheduleRouter } from "./routers/schedule";
import { shareLinkRouter } from "./routers/shareLink";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  account: accountRouter,
  project: projectRouter,
  member: memberRouter,
  shareLink: shareLinkRouter,
  apiToken: apiTokenRouter,
  pipeline: pipelineRouter,
  dataset: datasetRouter,
  run: runRouter,
  artifact: artifactRouter,
  deployment: deploymentRouter,
  canary: canaryRouter,
  batchPrediction: batchPredictionRouter,
  notebook: notebookRouter,
  registry: registryRouter,
  connection: connectionRouter,
  schedule: scheduleRouter,
  navigation: navigationRouter,
  labeling: labelingRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
