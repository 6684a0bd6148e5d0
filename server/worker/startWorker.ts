import { defaultBlobStore } from "@/server/artifacts/defaultStore";
import { db } from "@/server/db";
import { DatabaseJobQueue } from "@/server/queue/databaseJobQueue";
import { workerConfig } from "./config";
import { ServerWorker } from "./serverWorker";
import { selectNodeBackend } from "./tensorflow";

/** A worker on this process's database and blob store, configured from the environment. */
export async function startWorker(log: (message: string) => void): Promise<ServerWorker> {
  const config = workerConfig();
  const backend = await selectNodeBackend(config.backends);
  const worker = new ServerWorker({
    db,
    blobs: defaultBlobStore(),
    queue: new DatabaseJobQueue(db, { maxAttempts: config.maxAttempts }),
    workerId: config.workerId,
    leaseMs: config.leaseMs,
    pollMs: config.pollMs,
    backend,
    log,
  });
  log(`[worker ${config.workerId}] started: TF.js backend ${backend}, lease ${config.leaseMs} ms`);
  worker.start();
  return worker;
}
