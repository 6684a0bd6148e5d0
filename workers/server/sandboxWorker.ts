import { Worker } from "node:worker_threads";

/** How long past the user code's own time limit the host waits before terminating its thread. */
export const TERMINATE_GRACE_MS = 1_000;

/**
 * A worker thread for user code: its bootstrap source evaluated in a fresh isolate
 * with no inherited environment variables, its console captured rather than mixed
 * into the server's output, and its heap bounded so a runaway allocation kills only it.
 */
export function startSandboxWorker(source: string, workerData: unknown, heapMb: number): Worker {
  return new Worker(source, { eval: true, env: {}, stdout: true, stderr: true, resourceLimits: { maxOldGenerationSizeMb: heapMb }, workerData });
}
