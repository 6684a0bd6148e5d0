import { env } from "../env";

export interface QueueConfig {
  /** A claimed job whose lease is not renewed for this long goes to another worker. */
  leaseMs: number;
  /** Deliveries of one job before it is given up (a worker died during each). */
  maxAttempts: number;
  /** Server runs of one project handed to workers at a time (fair share); per-project overrides. */
  projectCap: number;
  projectCaps: Record<string, number>;
}

/** The queue's settings from the one parsed environment (server/env.ts). */
export function queueConfig(): QueueConfig {
  return {
    leaseMs: env.VAJRA_WORKER_LEASE_MS,
    maxAttempts: env.VAJRA_WORKER_MAX_ATTEMPTS,
    projectCap: env.VAJRA_QUEUE_PROJECT_CAP,
    projectCaps: env.VAJRA_QUEUE_PROJECT_CAPS,
  };
}

export function projectCap(config: QueueConfig, projectId: string): number {
  return config.projectCaps[projectId] ?? config.projectCap;
}
