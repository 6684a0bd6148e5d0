import { readFile } from "node:fs/promises";
import path from "node:path";
import { withErrorBoundary } from "@/server/errors/restErrors";

/**
 * The TypeScript compiler for notebook workers, which strip types from TypeScript cells.
 * Served from the installed package (not bundled) so only a worker that runs a
 * TypeScript cell downloads it; the browser caches it like any static asset.
 */
export const GET = withErrorBoundary("TypeScript compiler download", async (): Promise<Response> => {
  const file = path.join(process.cwd(), "node_modules", "typescript", "lib", "typescript.js");
  return new Response(new Uint8Array(await readFile(file)), {
    headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=86400" },
  });
});
