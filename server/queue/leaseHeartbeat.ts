import type { HeartbeatResult } from "./runQueue";

export interface LeasedWork<T> {
  settled: PromiseSettledResult<T>;
  /** Another worker took the job over after this one's lease lapsed: its outcome must not be written. */
  lost: boolean;
}

/**
 * Runs `work` while renewing its lease every third of the lease length. A renewal
 * that finds the job cancelled, or taken over by another worker, aborts the signal
 * handed to `work` (which stops at its next check). `outer` aborts it too.
 */
export async function withLeaseHeartbeat<T>(
  leaseMs: number,
  heartbeat: () => Promise<HeartbeatResult>,
  work: (signal: AbortSignal) => Promise<T>,
  options: { outer?: AbortSignal; onError?: (error: unknown) => void } = {},
): Promise<LeasedWork<T>> {
  const controller = new AbortController();
  const forward = () => controller.abort(options.outer?.reason);
  if (options.outer?.aborted) forward();
  options.outer?.addEventListener("abort", forward, { once: true });
  let lost = false;
  let beating = false;
  const timer = setInterval(
    () => {
      if (beating) return;
      beating = true;
      heartbeat()
        .then((result) => {
          if (result === "ok") return;
          lost = result === "lost";
          controller.abort(new Error(result === "cancelled" ? "Cancelled" : "Lease lost to another worker"));
        })
        .catch((error: unknown) => options.onError?.(error))
        .finally(() => {
          beating = false;
        });
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  try {
    const [settled] = await Promise.allSettled([work(controller.signal)]);
    return { settled: settled!, lost };
  } finally {
    clearInterval(timer);
    options.outer?.removeEventListener("abort", forward);
  }
}
