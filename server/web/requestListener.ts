import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { handlePredict, type ServingDeps } from "../deployments/predictHandler";
import { API_CSP, SECURITY_HEADERS } from "../http/securityHeaders.mjs";
import { sendWebResponse, toWebRequest } from "../http/nodeFetch";

const PREDICT_PATH = /^\/api\/v1\/endpoints\/([^/]+)\/predict$/;

/** What next.config.js's headers() gives an /api response, so the endpoint answers alike on either path. */
const API_HEADERS: Record<string, string> = {
  ...Object.fromEntries(SECURITY_HEADERS.map(({ key, value }) => [key, value])),
  "Content-Security-Policy": API_CSP,
};

/** The endpoint's slug when this is a predict call (`POST /api/v1/endpoints/<slug>/predict`); anything else is Next.js's. */
function predictSlug(incoming: IncomingMessage): { slug: string; url: URL } | null {
  if (incoming.method !== "POST" || incoming.url === undefined) return null;
  const url = new URL(incoming.url, "http://localhost");
  const encoded = PREDICT_PATH.exec(url.pathname)?.[1];
  if (encoded === undefined) return null;
  try {
    return { slug: decodeURIComponent(encoded), url };
  } catch {
    // Malformed escapes: Next.js answers them as it answers any bad path.
    return null;
  }
}

/** Answers a predict call with the same handler the Next.js route uses, without Next.js's router in between. */
async function servePredict(incoming: IncomingMessage, outgoing: ServerResponse, slug: string, url: URL, deps: ServingDeps): Promise<void> {
  const response = await handlePredict(toWebRequest(incoming, url), slug, deps);
  await sendWebResponse(response, incoming, outgoing, API_HEADERS);
}

/**
 * The web process's requests: predict calls answered here, everything else handed to `rest`
 * (Next.js's request handler in `npm start`).
 */
export function webRequestListener(rest: (incoming: IncomingMessage, outgoing: ServerResponse) => Promise<void>, deps: ServingDeps): RequestListener {
  return (incoming, outgoing) => {
    const predict = predictSlug(incoming);
    const answered = predict === null ? rest(incoming, outgoing) : servePredict(incoming, outgoing, predict.slug, predict.url, deps);
    answered.catch((error: unknown) => {
      // The handlers answer every error themselves; this is a socket that broke while answering.
      console.error("Request failed:", error);
      outgoing.destroy();
    });
  };
}
