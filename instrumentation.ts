/**
 * Next.js calls register() once when the server starts. On the Node.js runtime it
 * starts an in-process worker, so `npm run dev` alone executes server runs; set
 * VAJRA_INPROCESS_WORKER=0 when dedicated `npm run worker` processes do that.
 */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is Next's own marker, not configuration: the edge build compiles this file too,
  // so it is checked before any Node-only module (server/env.ts included) is loaded.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./server/env");
  if (!env.VAJRA_INPROCESS_WORKER) return;
  const { startInProcessWorker } = await import("./server/worker/inProcess");
  // Not awaited: choosing the TF.js backend takes a moment, and the server need not wait for it.
  void startInProcessWorker().catch((error: unknown) => console.error("The in-process worker could not start:", error));
}
