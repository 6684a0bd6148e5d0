import type { ExpressionSandbox } from "@/pipeline/ml/labeling/expression-sandbox";
import { writeOnly } from "@/pipeline/runtime/artifactCache";
import { runSpec } from "@/pipeline/runtime/runSpec";
import type { BlobStore } from "../artifacts/blobStore";
import { ProjectArtifactCache } from "../artifacts/projectArtifactCache";
import { projectDatasets } from "../datasets/projectDatasets";
import type { Db } from "../db";
import type { RunOutcome } from "../queue/runQueue";
import { ServerTrialRunner } from "../tuning/serverTrialRunner";
import { cancelUnfinishedTrials, type TrialQueue } from "../tuning/trialQueue";
import { parseDatasetPins } from "./datasetPins";
import { RunRecorder } from "./runRecorder";
import { ServerSqlSource } from "../connections/serverSqlSource";
import { ServerModelRegistry } from "./serverModelRegistry";
import { ServerLabelingQueue } from "../labeling/serverLabelingQueue";
import { parseStoredSpec, specUpTo } from "./specForRun";

export interface ExecuteRunDeps {
  db: Db;
  blobs: BlobStore;
  /** The TF.js backend this process trains on, recorded on the run. */
  backend?: string;
  epochIntervalMs?: number;
  /** The worker executing the run; while its tuners wait it trains queued trials itself. */
  workerId: string;
  leaseMs: number;
  trials: TrialQueue;
  pollMs: number;
  /** Where user code (labeling expressions, Custom code nodes) runs: the engine's sandbox port. */
  sandbox: ExpressionSandbox;
  log?: (message: string) => void;
}

/** How often a tuner waiting on other workers' trials looks at their state. */
const TRIAL_POLL_MS = 200;

/**
 * Executes one claimed server run: the pipeline version's spec (cut at the run's
 * target node) with the project's artifact cache and the run's pinned datasets,
 * recording steps, artifacts and events as it goes. Node failures and cancellation
 * are outcomes; only infrastructure faults (database, store) throw.
 */
export async function executeRun(deps: ExecuteRunDeps, runId: string, signal: AbortSignal): Promise<RunOutcome> {
  const { db, blobs } = deps;
  const run = await db.run.findUniqueOrThrow({
    where: { id: runId },
    include: { pipelineVersion: { select: { spec: true } }, pipeline: { select: { name: true } } },
  });
  if (run.pipelineVersion.spec === null) {
    return { status: "failed", error: { message: "This pipeline version has compile errors, so it cannot run. Fix them, save, and run again." } };
  }
  const spec = specUpTo(parseStoredSpec(run.pipelineVersion.spec), run.targetNodeId);
  const pins = parseDatasetPins(run.datasetVersions);
  const datasets = projectDatasets({
    db,
    blobs,
    projectId: run.projectId,
    pins,
    onResolved: (reference, contentHash) => {
      pins[reference] = { ...pins[reference], contentHash };
    },
  });
  const recorder = await RunRecorder.open(db, run.id, spec, deps.epochIntervalMs);
  const projectCache = new ProjectArtifactCache(db, blobs, run.projectId, (fingerprint) => recorder.producerOf(fingerprint));
  // Ignoring the cache reads nothing from it but still writes: a fingerprint stored already keeps its first
  // artifacts (and the lineage pointing at them), while missing or lost ones are stored for later runs to reuse.
  const cache = run.ignoreCache ? writeOnly(projectCache) : projectCache;
  // Trials still queued from an earlier attempt of this run would otherwise be trained for nobody.
  await cancelUnfinishedTrials(db, { runId: run.id });

  const result = await runSpec(spec, {
    datasets,
    cache,
    signal,
    // Only the outcome is used below; each output is in the project's cache once made.
    keepArtifacts: false,
    onEvent: (event) => recorder.record(event),
    expressionSandbox: deps.sandbox,
    modelRegistry: new ServerModelRegistry(db, blobs, { id: run.id, projectId: run.projectId, pipelineName: run.pipeline.name }),
    labelingQueue: new ServerLabelingQueue(db, { projectId: run.projectId, pipelineId: run.pipelineId, userId: run.startedById }),
    sqlSource: new ServerSqlSource(db, run.projectId),
    tunerTrialRunner: new ServerTrialRunner({
      db,
      blobs,
      trials: deps.trials,
      runId: run.id,
      workerId: deps.workerId,
      leaseMs: deps.leaseMs,
      pollMs: Math.min(deps.pollMs, TRIAL_POLL_MS),
      ...(deps.log === undefined ? {} : { log: deps.log }),
    }),
  });
  await recorder.flush();
  if (result.status !== "succeeded") await recorder.closeUnfinishedSteps(result.status === "cancelled" ? "cancelled" : "failed");
  await db.run.update({ where: { id: run.id }, data: { datasetVersions: JSON.stringify(pins) } });
  return {
    status: result.status,
    ...(result.error ? { error: { ...(result.error.nodeId === undefined ? {} : { nodeId: result.error.nodeId }), message: result.error.message } } : {}),
    ...(deps.backend ? { backend: deps.backend } : {}),
  };
}
