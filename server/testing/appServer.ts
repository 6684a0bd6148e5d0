/**
 * A web process for multi-process tests: /api/trpc (queries, mutations and SSE subscriptions, callers
 * signed in by API token) over HTTP on a free port, on the database at DATABASE_URL and the blob store
 * DATA_DIR or S3_BUCKET names. It executes no server runs (worker processes do), and prints
 * `listening <url>` once it accepts requests. Runs until killed.
 */
import { handleTrpcRequest } from "../api/trpcHttpHandler";
import { serveHandler } from "./serveHandler";

const server = await serveHandler((req, url) =>
  url.pathname.startsWith("/api/trpc/") ? handleTrpcRequest(req) : Promise.resolve(new Response(null, { status: 404 })),
);
console.log(`listening ${server.url}`);
