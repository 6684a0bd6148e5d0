import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { answerPredict, type ServingDeps } from "../deployments/predictHandler";
import { discardUnread, readIncomingWithLimits } from "../http/nodeFetch";
import { API_CSP, SECURITY_HEADERS } from "../http/securityHeaders.mjs";

const PREDICT_PATH = /^\/api\/v1\/endpoints\/([^/]+)\/predict$/;
/**
 * A predict path whose slug URL parsing leaves as it is (no escapes, dots or other characters it
 * would encode or resolve): the slug without making a URL, the commonest case.
 */
const PLAIN_PREDICT_PATH = /^\/api\/v1\/endpoints\/([A-Za-z0-9_-]+)\/predict(?:\?|$)/;

/** What next.config.js's headers() gives an /api response, so the endpoint answers alike on either path. */
const API_HEADERS: Record<string, string> = {
  ...Object.fromEntries(SECURITY_HEADERS.map(({ key, value }) => [key, value])),
  "Content-Security-Policy": API_CSP,
};

/** The endpoint's slug when this is a predict call (`POST /api/v1/endpoints/<slug>/predict`); anything else is Next.js's. */
function predictSlug(incoming: IncomingMessage): string | null {
  if (incoming.method !== "POST" || incoming.url === undefined) return null;
  const plain = PLAIN_PREDICT_PATH.exec(incoming.url)?.[1];
  if (plain !== undefined) return plain;
  const encoded = PREDICT_PATH.exec(new URL(incoming.url, "http://localhost").pathname)?.[1];
  if (encoded === undefined) return null;
  try {
    return decodeURIComponent(encoded);
  } catch {
    // Malformed escapes: Next.js answers them as it answers any bad path.
    return null;
  }
}

/**
 * Answers a predict call with the route's own core (answerPredict, as the Next.js route), without
 * Next.js's router and without a fetch Request or Response in between: the body is read from the
 * node:http request and the answer written in one piece.
 */
async function servePredict(incoming: IncomingMessage, outgoing: ServerResponse, slug: string, deps: ServingDeps): Promise<void> {
  const answer = await answerPredict({ slug, headers: incoming.headers, readBody: (limits) => readIncomingWithLimits(incoming, limits) }, deps);
  // Answered before reading the whole body (401, 413): the rest is discarded once the answer is out.
  const unread = !incoming.readableEnded;
  const headers: Record<string, string | number> = { ...API_HEADERS, ...answer.headers, "content-length": Buffer.byteLength(answer.body) };
  // One string: node:http sends it with the header block in one write.
  outgoing.writeHead(answer.status, headers).end(answer.body);
  if (unread) discardUnread(incoming);
}

/**
 * The web process's requests: predict calls answered here, everything else handed to `rest`
 * (Next.js's request handler in `npm start`).
 */
export function webRequestListener(rest: (incoming: IncomingMessage, outgoing: ServerResponse) => Promise<void>, deps: ServingDeps): RequestListener {
  return (incoming, outgoing) => {
    const slug = predictSlug(incoming);
    const answered = slug === null ? rest(incoming, outgoing) : servePredict(incoming, outgoing, slug, deps);
    answered.catch((error: unknown) => {
      // The handlers answer every error themselves; this is a socket that broke while answering.
      console.error("Request failed:", error);
      outgoing.destroy();
    });
  };
}
