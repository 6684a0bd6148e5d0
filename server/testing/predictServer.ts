/**
 * A web process for multi-process tests: serves `POST /api/v1/endpoints/<slug>/predict` with
 * the real handler and its default dependencies (the database at DATABASE_URL, the blob store
 * under DATA_DIR, the shared rate limiter) over HTTP on a free port, and prints
 * `listening <url>` once it accepts requests. Runs until killed.
 */
import { serveHandler } from "./serveHandler";
import { handlePredict } from "../deployments/predictHandler";

const server = await serveHandler((req, url) => {
  const slug = /^\/api\/v1\/endpoints\/([^/]+)\/predict$/.exec(url.pathname)?.[1];
  return slug === undefined ? Promise.resolve(new Response(null, { status: 404 })) : handlePredict(req, slug);
});
console.log(`listening ${server.url}`);
