import { API_CSP, SECURITY_HEADERS } from "./server/http/securityHeaders.mjs";

/**
 * The policy of every Web Worker the bundler emits (the notebook kernel, the run and preview
 * workers): a worker takes its Content-Security-Policy from its own script's response, and
 * Turbopack starts each one from a bootstrap script under /_next/static that then loads the
 * worker's chunks with importScripts. Only this site may be reached, so notebook code cannot
 * import(), importScripts() or fetch from other origins even past the notebook's fetch guard.
 * Cells run through eval and TF.js compiles WebAssembly, hence the two eval sources. Nested
 * workers from blob:/data: URLs (the labeling-function sandbox) inherit this policy.
 * On a page or an imported script the header does nothing: only documents and workers apply it.
 */
const WORKER_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  "connect-src 'self' blob: data:",
  "worker-src 'self' blob: data:",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and wasm-backed server packages are loaded by Node at run time, not bundled. TF.js too:
  // bundled, each route chunk carried its own copy, and every copy re-registered its kernels in TF.js's
  // process-wide registry (hundreds of "kernel … already registered" warnings in the server log).
  serverExternalPackages: [
    "pg",
    "@prisma/adapter-pg",
    "@tensorflow/tfjs",
    "@tensorflow/tfjs-core",
    "@tensorflow/tfjs-backend-cpu",
    "@tensorflow/tfjs-backend-wasm",
    "@tensorflow/tfjs-backend-webgpu",
    "@tensorflow/tfjs-layers",
    "@tensorflow/tfjs-converter",
    "@tensorflow/tfjs-data",
    // Dawn's Node bindings (server/worker/dawnWebGPU.ts): a native .node file, and an optional dependency that may be absent.
    "webgpu",
  ],
  poweredByHeader: false,
  // `npm test` type-checks the whole repo first (npm run typecheck); checking again here only doubles build time.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/_next/static/:path*", headers: [{ key: "Content-Security-Policy", value: WORKER_CSP }] },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

export default nextConfig;
