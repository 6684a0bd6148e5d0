/**
 * `npm run worker`: a server worker process. Run as many as the machine (or
 * several machines sharing the database) can take; each claims one run at a time.
 */
import { ensurePostgres } from "@/scripts/postgres.mjs";

const log = (message: string) => console.log(`${new Date().toISOString()} ${message}`);
// Without DATABASE_URL: the embedded PostgreSQL of DATA_DIR, started if no other process has yet.
// Before the worker's modules load: server/env.ts reads DATABASE_URL once.
await ensurePostgres({ log });
const { startWorker } = await import("./startWorker");
// Tree models train on this process's cores; only here, not in the in-process worker Next.js bundles (its threads load TypeScript through tsx).
const { configureNodeModelThreads } = await import("@/pipeline/cli/nodeModelThreads");
configureNodeModelThreads({ prestart: true });
// Compiles the model engine on this thread and its model threads (which also do so on their own as they start): a run's first fit is then not its slowest.
const { warmUpModelKernels } = await import("@/pipeline/ml/models/threads/warm-up");
await warmUpModelKernels();
const { stopQueueBoss } = await import("@/server/queue/queueBoss");
const { stopProcessScheduler } = await import("@/server/schedules/processScheduler");
const worker = await startWorker(log);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: handing back the current run and stopping`);
    void stopProcessScheduler()
      .then(() => worker.stop())
      .then(stopQueueBoss)
      .then(() => process.exit(0));
  });
}
