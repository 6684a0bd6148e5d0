import { ServerWorker, type ServerWorkerOptions } from "@/server/worker/serverWorker";
import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { processQueues } from "../queue/processQueues";
import { queueConfig } from "../queue/queueConfig";

/** A server worker in the test's own process, on the test database and its job queue, training on the cpu backend. */
export async function testWorker(workerId: string, options: Partial<ServerWorkerOptions> = {}): Promise<ServerWorker> {
  return new ServerWorker({
    db,
    ...(await processQueues()),
    blobs: defaultBlobStore(),
    workerId,
    leaseMs: queueConfig().leaseMs,
    pollMs: 50,
    backend: "cpu",
    ...options,
  });
}

/** Executes every queued run in this process. */
export async function drainQueue(worker: ServerWorker): Promise<void> {
  while (await worker.runOnce());
}
