/**
 * Claims until something is handed out or 10 s pass (real time): how a test waits for pg-boss's sweep to
 * expire a lapsed lease and redeliver the job. Null when nothing came.
 */
export async function claimAfterLapse<T>(claim: () => Promise<T | null>): Promise<T | null> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const claimed = await claim();
    if (claimed || Date.now() > deadline) return claimed;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
