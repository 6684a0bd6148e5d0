import { OtherOriginError } from "./notebookBlockedLoads";

/**
 * Cell code runs in the notebook worker, which shares the app's origin and so its cookies.
 * The fetch it is given refuses other origins and the app's API (so code cannot act with
 * the user's session) and never sends credentials; the other network doors are closed.
 * The worker's own requests (datasets, artifacts) keep the original fetch in a closure.
 */
export function guardedFetch(original: typeof fetch, origin: string): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), origin);
    if (url.origin !== origin) return Promise.reject(new OtherOriginError(url.href));
    if (url.pathname === "/api" || url.pathname.startsWith("/api/")) {
      return Promise.reject(new TypeError("Notebook code may not call the app's API; use vajra.dataset() and vajra.artifact()."));
    }
    return original(url, { ...init, credentials: "omit" });
  };
}

/**
 * Replaces the worker-scope network APIs that would bypass the guarded fetch: a nested
 * Worker has a fresh fetch, and CacheStorage's add() requests (with cookies) and lets the
 * response be read back.
 */
export function closeOtherNetworkApis(scope: Record<string, unknown>): void {
  for (const name of ["XMLHttpRequest", "WebSocket", "WebSocketStream", "WebTransport", "EventSource", "Worker", "SharedWorker", "importScripts", "caches"]) {
    Object.defineProperty(scope, name, { value: undefined, configurable: false, writable: false });
  }
}
