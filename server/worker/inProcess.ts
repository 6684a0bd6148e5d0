import type { ServerWorker } from "./serverWorker";
import { startWorker } from "./startWorker";

// Next.js dev re-evaluates modules; the flag lives on globalThis so one server process runs one worker.
const globalForWorker = globalThis as unknown as { vajraWorker?: Promise<ServerWorker> };

/** The worker that `npm run dev` / `npm start` run inside the web server, so server runs need no extra process. */
export function startInProcessWorker(): Promise<ServerWorker> {
  globalForWorker.vajraWorker ??= startWorker((message) => console.log(message));
  return globalForWorker.vajraWorker;
}
