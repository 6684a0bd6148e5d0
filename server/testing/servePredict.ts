import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { createServingDeps, handlePredict } from "../deployments/predictHandler";
import { serveHandler } from "./serveHandler";

/**
 * `POST /api/v1/endpoints/<slug>/predict` over real HTTP on a free port, in the test's own process.
 * Its serving dependencies (and so the rate limiter's buckets) are on this test file's own database
 * and blob store, so what one file's traffic does never shows in another's assertions.
 */
export function servePredict() {
  const deps = createServingDeps(db, defaultBlobStore());
  return serveHandler((req, url) => handlePredict(req, /\/endpoints\/([^/]+)\/predict$/.exec(url.pathname)![1]!, deps));
}
