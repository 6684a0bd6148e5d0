// Plain JavaScript: next.config.js reads these for the routes Next.js serves, and server/web/main.ts
// for the predict route it serves itself, so both answer with the same headers.

/**
 * On every response. Pages also get a nonce-based Content-Security-Policy from proxy.ts.
 * No framing by other sites (clickjacking), no MIME sniffing of uploads served back, and no
 * Referer to other sites: share links carry their secret token in the path.
 */
export const SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  // Cross-origin isolation: SharedArrayBuffer and Atomics.wait in the page's workers, so tree
  // models train on Web Workers that share the binned table (workers/browser/browserModelThreads.ts).
  // Everything the app loads is its own (see the pages' CSP), so require-corp blocks nothing of it.
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
];

/** JSON and files from the API are never documents: nothing may run or load in them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
