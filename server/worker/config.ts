import { hostname } from "node:os";
import { env } from "@/server/env";

/** Worker settings, read from the one parsed environment (server/env.ts) like everything else; the queue's are in server/queue/queueConfig.ts. */
export function workerConfig() {
  return {
    workerId: env.VAJRA_WORKER_ID ?? `${hostname()}-${process.pid}`,
    pollMs: env.VAJRA_WORKER_POLL_MS,
    backends: env.VAJRA_TF_BACKENDS?.split(",")
      .map((b) => b.trim())
      .filter(Boolean),
  };
}
