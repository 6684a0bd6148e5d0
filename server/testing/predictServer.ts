/**
 * A web process for multi-process tests: serves `POST /api/v1/endpoints/<slug>/predict` with
 * the real handler and its default dependencies (the database at DATABASE_URL, the blob store
 * under DATA_DIR, the shared rate limiter) over HTTP on a free port, and prints
 * `listening <url>` once it accepts requests. Runs until killed; SIGTERM stops it gracefully,
 * as Next.js does: requests under way are answered and the buffered request logs written.
 */
import { serveHandler } from "./serveHandler";
import { db } from "../db";
import { handlePredict } from "../deployments/predictHandler";
import { flushRequestLogs } from "../deployments/requestLog";

const server = await serveHandler((req, url) => {
  const slug = /^\/api\/v1\/endpoints\/([^/]+)\/predict$/.exec(url.pathname)?.[1];
  return slug === undefined ? Promise.resolve(new Response(null, { status: 404 })) : handlePredict(req, slug);
});
console.log(`listening ${server.url}`);

process.once("SIGTERM", () => {
  void (async () => {
    await server.close();
    await flushRequestLogs(db);
    process.exit(0);
  })();
});
