import type { BlobStore } from "../artifacts/blobStore";
import { defaultBlobStore } from "../artifacts/defaultStore";
import { db as defaultDb, type Db } from "../db";
import { internalErrorMessage, logInternalError } from "../errors/publicError";
import { currentRequestId } from "../errors/requestId";
import { withErrorBoundary } from "../errors/restErrors";
import { BodyRefused, readBodyWithLimits } from "../http/bodyLimit";
import { EndpointCache, matchServingKey } from "./endpointCache";
import { endpointChangeListener } from "./endpointChanges";
import { parseInstances } from "./instances";
import { loadModelVersion } from "./modelCache";
import { batcherFor } from "./predictionBatcher";
import type { Prediction } from "./predictions";
import { RateLimiter } from "./rateLimiter";
import { servedVersionFor } from "./canarySplit";
import { logRequest } from "./requestLog";
import { ServingError } from "./servingError";

/** Instances are flat rows of features; deeper JSON is refused (400 with the path) before it is parsed. */
export const MAX_PREDICT_JSON_DEPTH = 32;

const utf8 = new TextDecoder();

/** The body, counted while it streams (Content-Length may be absent) and checked for depth. */
async function readPredictBody(req: Request, maxBytes: number, tooLarge: () => ServingError): Promise<Uint8Array> {
  try {
    return await readBodyWithLimits(req, { maxBytes, maxJsonDepth: MAX_PREDICT_JSON_DEPTH });
  } catch (error) {
    if (!(error instanceof BodyRefused)) throw error;
    throw error.status === 413 ? tooLarge() : new ServingError(error.status, { code: error.code, message: error.message });
  }
}

export interface ServingDeps {
  db: Db;
  blobs: BlobStore;
  limiter: RateLimiter;
  endpoints: EndpointCache;
  /**
   * Told of work that must finish before the server stops (the batch holding a request's log), so a
   * graceful stop writes every log; Next.js's `after` in the route.
   */
  waitUntil?: (work: Promise<void>) => void;
}

/** What the predict route keeps per process: the shared rate limiter's leases and the endpoint cache. */
export function createServingDeps(db: Db, blobs: BlobStore): ServingDeps {
  return { db, blobs, limiter: new RateLimiter(db), endpoints: new EndpointCache(db, endpointChangeListener()) };
}

let defaultDeps: ServingDeps | undefined;

/** The process's serving dependencies on its database and blob store, made on first use (not when a build imports the route). */
export function defaultServingDeps(): ServingDeps {
  return (defaultDeps ??= createServingDeps(defaultDb, defaultBlobStore()));
}

const notFound = (slug: string) => new ServingError(404, { code: "NOT_FOUND", message: `No active endpoint "${slug}".` });

function bearerOf(req: Request): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

/** `POST /api/v1/endpoints/<slug>/predict`: see "Deploying a model" in README.md. */
export const handlePredict = withErrorBoundary("predict", predict);

async function predict(req: Request, slug: string, deps: ServingDeps = defaultServingDeps()): Promise<Response> {
  const started = performance.now();
  const { db } = deps;
  const endpoint = await deps.endpoints.get(slug);
  const deployment = endpoint?.deployment;
  if (!endpoint || !deployment || deployment.status !== "active" || deployment.currentVersionId === null) return notFound(slug).toResponse();
  // Chosen once (current or canary, from the cached row): a promotion that lands while this request runs does not affect it.
  const versionId = servedVersionFor(deployment.currentVersionId, deployment);
  let instances = 0;
  let rows: Record<string, unknown>[] = [];
  let answered: Prediction[] = [];
  let response: Response;
  try {
    response = await serve();
  } catch (error) {
    if (error instanceof ServingError) response = error.toResponse();
    else {
      // Logged under the request id the client receives; the response names no internals.
      const requestId = currentRequestId();
      logInternalError(requestId, `endpoint ${slug}`, error);
      response = new ServingError(500, { code: "INTERNAL", message: internalErrorMessage(requestId), requestId }).toResponse();
    }
  }
  const logged = logRequest(db, {
    deploymentId: deployment.id,
    versionId,
    latencyMs: performance.now() - started,
    instances,
    status: response.status,
    ...(response.ok ? { rows, predictions: answered } : {}),
  });
  deps.waitUntil?.(logged.written);
  if (logged.backlogged) await logged.written;
  return response;

  async function serve(): Promise<Response> {
    let caller = `public:${deployment!.id}`;
    if (!deployment!.public) {
      const token = bearerOf(req);
      if (token === null) throw new ServingError(401, { code: "UNAUTHORIZED", message: "Send the deployment key as `Authorization: Bearer <key>`." });
      const keyId = matchServingKey(endpoint!, token);
      if (keyId === null) throw new ServingError(401, { code: "UNAUTHORIZED", message: "This key is not valid for this endpoint. It may have been rotated." });
      caller = keyId;
    }
    const wait = await deps.limiter.take(caller, { perSecond: deployment!.rateLimitPerSecond, burst: deployment!.rateLimitBurst });
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait));
      throw new ServingError(429, { code: "RATE_LIMITED", message: `Too many requests; retry in ${seconds} s.` }, { "Retry-After": String(seconds) });
    }
    // Made only when thrown: an Error captures a stack trace, too dear for every request.
    const tooLarge = () =>
      new ServingError(413, {
        code: "PAYLOAD_TOO_LARGE",
        message: `The request body is larger than the limit of ${deployment!.maxBodyBytes} bytes.`,
      });
    if (Number(req.headers.get("content-length") ?? "0") > deployment!.maxBodyBytes) throw tooLarge();
    const bytes = await readPredictBody(req, deployment!.maxBodyBytes, tooLarge);
    let body: unknown;
    try {
      body = JSON.parse(utf8.decode(bytes));
    } catch {
      throw new ServingError(400, { code: "INVALID_JSON", message: "The body is not valid JSON." });
    }
    const served = await loadModelVersion(db, deps.blobs, versionId);
    const parsed = parseInstances(body, served.signature, deployment!.maxInstances);
    instances = parsed.rows.length;
    rows = parsed.rows;
    const predictions = await batcherFor(served).predict(parsed);
    answered = predictions;
    return Response.json({ predictions, model: { version: served.versionNumber } });
  }
}
