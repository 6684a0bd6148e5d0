/**
 * Long synchronous training loops call this between rounds so a Web Worker can deliver
 * abort messages and progress events. It only yields after ~50 ms of work, because each
 * yield costs about a millisecond.
 */
export function createYielder(signal?: AbortSignal): () => Promise<void> {
  let last = Date.now();
  return async () => {
    signal?.throwIfAborted();
    if (Date.now() - last < 50) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    last = Date.now();
    signal?.throwIfAborted();
  };
}
