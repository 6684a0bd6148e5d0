import { hostname } from "node:os";
import { env } from "@/server/env";

/** Worker settings, read from the one parsed environment (server/env.ts) like everything else. */
export function workerConfig() {
  return {
    workerId: env.VAJRA_WORKER_ID ?? `${hostname()}-${process.pid}`,
    leaseMs: env.VAJRA_WORKER_LEASE_MS,
    pollMs: env.VAJRA_WORKER_POLL_MS,
    maxAttempts: env.VAJRA_WORKER_MAX_ATTEMPTS,
    backends: env.VAJRA_TF_BACKENDS?.split(",")
      .map((b) => b.trim())
      .filter(Boolean),
  };
}
