import type { Server } from "node:http";
import type { Db } from "../db";
import { flushRequestLogs } from "../deployments/requestLog";

/** Long enough for any prediction under way; an open event stream (a tRPC subscription) is not waited for past it. */
const GRACE_MS = 10_000;

/**
 * A stopping web process: no new connections, the requests under way answered (their request logs
 * are buffered as each is answered), then every buffered request log written.
 */
export async function stopServing(server: Server, db: Db): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(resolve, GRACE_MS).unref();
  });
  await flushRequestLogs(db);
}
