/**
 * A web process for multi-process tests: the production web process's request listener
 * (server/web/requestListener.ts) with its default serving dependencies (the database at
 * DATABASE_URL, the blob store under DATA_DIR, the shared rate limiter), answering 404 where
 * `npm start` would hand the request to Next.js, on a free port. Prints `listening <url>` once it
 * accepts requests. Runs until killed; SIGTERM stops it as server/web/main.ts does: requests under
 * way are answered and the buffered request logs written.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "../db";
import { defaultServingDeps } from "../deployments/predictHandler";
import { webRequestListener } from "../web/requestListener";
import { stopServing } from "../web/stopServing";

const notNext = async (_: unknown, outgoing: ServerResponse) => void outgoing.writeHead(404).end();
const server = createServer(webRequestListener(notNext, defaultServingDeps()));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`);

process.once("SIGTERM", () => {
  void stopServing(server, db).then(() => process.exit(0));
});
