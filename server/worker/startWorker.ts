import { defaultBlobStore } from "@/server/artifacts/defaultStore";
import { db } from "@/server/db";
import { processQueues } from "@/server/queue/processQueues";
import { queueConfig } from "@/server/queue/queueConfig";
import { QUEUED_WORK } from "@/server/queue/queuedWork";
import { runChangeListener } from "@/server/runs/runChangeListener";
import { startProcessScheduler } from "@/server/schedules/processScheduler";
import { workerConfig } from "./config";
import { ServerWorker } from "./serverWorker";
import { selectNodeBackend } from "./tensorflow";

/** A worker on this process's database, job queue and blob store, configured from the environment. */
export async function startWorker(log: (message: string) => void): Promise<ServerWorker> {
  const config = workerConfig();
  const backend = await selectNodeBackend(config.backends, (message) => log(`[worker ${config.workerId}] ${message}`));
  const { leaseMs } = queueConfig();
  const worker = new ServerWorker({
    db,
    blobs: defaultBlobStore(),
    ...(await processQueues()),
    workerId: config.workerId,
    leaseMs,
    pollMs: config.pollMs,
    backend,
    log,
    onQueuedWork: (wake) => runChangeListener().subscribe(QUEUED_WORK, wake),
  });
  log(`[worker ${config.workerId}] started: TF.js backend ${backend}, lease ${leaseMs} ms`);
  worker.start();
  // Workers fire schedules: a deployment with only web processes (VAJRA_INPROCESS_WORKER=0) runs no scheduled work either.
  await startProcessScheduler(log);
  return worker;
}
