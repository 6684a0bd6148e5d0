import { ServerWorker, type ServerWorkerOptions } from "@/server/worker/serverWorker";
import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { DatabaseJobQueue } from "../queue/databaseJobQueue";

/** A server worker in the test's own process, on the test database, training on the cpu backend. */
export function testWorker(workerId: string, options: Partial<ServerWorkerOptions> = {}): ServerWorker {
  return new ServerWorker({
    db,
    queue: new DatabaseJobQueue(db),
    blobs: defaultBlobStore(),
    workerId,
    leaseMs: 10_000,
    pollMs: 50,
    backend: "cpu",
    ...options,
  });
}

/** Executes every queued run in this process. */
export async function drainQueue(worker: ServerWorker): Promise<void> {
  while (await worker.runOnce());
}
