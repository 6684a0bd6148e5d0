import { hostname } from "node:os";
import { z } from "zod";

/** Worker settings, from the environment like everything else. */
const workerEnvSchema = z.object({
  VAJRA_WORKER_ID: z.string().min(1).optional(),
  VAJRA_WORKER_LEASE_MS: z.coerce.number().int().min(200).default(30_000),
  VAJRA_WORKER_POLL_MS: z.coerce.number().int().min(10).default(1_000),
  VAJRA_WORKER_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(3),
  /** Comma-separated TF.js backends to consider, e.g. "cpu" to skip wasm. */
  VAJRA_TF_BACKENDS: z.string().optional(),
});

export function workerConfig(environment: NodeJS.ProcessEnv = process.env) {
  const parsed = workerEnvSchema.parse(environment);
  return {
    workerId: parsed.VAJRA_WORKER_ID ?? `${hostname()}-${process.pid}`,
    leaseMs: parsed.VAJRA_WORKER_LEASE_MS,
    pollMs: parsed.VAJRA_WORKER_POLL_MS,
    maxAttempts: parsed.VAJRA_WORKER_MAX_ATTEMPTS,
    backends: parsed.VAJRA_TF_BACKENDS?.split(",").map((b) => b.trim()).filter(Boolean),
  };
}
