/**
 * `npm run worker`: a server worker process. Run as many as the machine (or
 * several machines sharing the database) can take; each claims one run at a time.
 */
import { startWorker } from "./startWorker";

const log = (message: string) => console.log(`${new Date().toISOString()} ${message}`);
const worker = await startWorker(log);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: handing back the current run and stopping`);
    void worker.stop().then(() => process.exit(0));
  });
}
