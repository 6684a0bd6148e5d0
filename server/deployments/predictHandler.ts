import type { BlobStore } from "../artifacts/blobStore";
import { defaultBlobStore } from "../artifacts/defaultStore";
import { db as defaultDb, type Db } from "../db";
import { internalErrorMessage, logInternalError } from "../errors/publicError";
import { newRequestId, REQUEST_ID_HEADER } from "../errors/requestId";
import { failureAnswer } from "../errors/restErrors";
import { BodyRefused, readBodyWithLimits, type BodyLimits } from "../http/bodyLimit";
import { EndpointCache, matchServingKey } from "./endpointCache";
import { endpointChangeListener } from "./endpointChanges";
import { parseInstances } from "./instances";
import { loadModelVersion } from "./modelCache";
import { batcherFor } from "./predictionBatcher";
import type { Prediction } from "./predictions";
import { RateLimiter } from "./rateLimiter";
import { servedVersionFor } from "./canarySplit";
import { logRequest } from "./requestLog";
import { JSON_CONTENT_TYPE, ServingError, servingErrorAnswer, type PlainAnswer } from "./servingError";

/** Instances are flat rows of features; deeper JSON is refused (400 with the path) before it is parsed. */
export const MAX_PREDICT_JSON_DEPTH = 32;

const utf8 = new TextDecoder();

/**
 * A predict call as plain values, however it arrived: a Next.js route's Request (handlePredict) or
 * a node:http request (server/web/requestListener.ts), so both answer alike.
 */
export interface PredictCall {
  /** The endpoint's slug, decoded. */
  slug: string;
  /** The request headers the route reads, by lower-case name (node:http's IncomingHttpHeaders fit). */
  headers: { readonly authorization?: string | undefined; readonly "content-length"?: string | undefined };
  /**
   * Reads the whole body within the limits, throwing the BodyRefused when it is not within them
   * (readBodyWithLimits). Called at most once, after the key and rate limit checks: a refused
   * caller's body is never read.
   */
  readBody: (limits: BodyLimits) => Promise<Uint8Array>;
}

/** The body, counted while it streams (Content-Length may be absent) and checked for depth. */
async function readPredictBody(call: PredictCall, maxBytes: number, tooLarge: () => ServingError): Promise<Uint8Array> {
  try {
    return await call.readBody({ maxBytes, maxJsonDepth: MAX_PREDICT_JSON_DEPTH });
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

const notFound = (slug: string) => servingErrorAnswer(404, { code: "NOT_FOUND", message: `No active endpoint "${slug}".` });

function bearerOf(call: PredictCall): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(call.headers.authorization ?? "");
  return match?.[1] ?? null;
}

/** `POST /api/v1/endpoints/<slug>/predict` as the Next.js route serves it: see "Deploying a model" in README.md. */
export async function handlePredict(req: Request, slug: string, deps?: ServingDeps): Promise<Response> {
  const headers = { authorization: req.headers.get("authorization") ?? undefined, "content-length": req.headers.get("content-length") ?? undefined };
  const answer = await answerPredict({ slug, headers, readBody: (limits) => readBodyWithLimits(req, limits) }, deps);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/**
 * A predict call's answer, whichever server carries it: every answer carries `x-request-id`, and a
 * failure of ours answers 500 with that id (internals withheld, details logged under it), as
 * withErrorBoundary answers for the other REST routes.
 */
export async function answerPredict(call: PredictCall, deps: ServingDeps = defaultServingDeps()): Promise<PlainAnswer> {
  // Passed down rather than kept in an AsyncLocalStorage: nothing the prediction calls reads it, and
  // entering one turns on async hooks for every promise of the process.
  const requestId = newRequestId();
  let answer: PlainAnswer;
  try {
    answer = await predict(call, requestId, deps);
  } catch (error) {
    const { error: failure, headers } = failureAnswer("predict", error, requestId);
    const { status, ...body } = failure;
    answer = { status, headers: { "content-type": JSON_CONTENT_TYPE, ...lowerCased(headers) }, body: JSON.stringify({ error: body }) };
  }
  answer.headers[REQUEST_ID_HEADER] = requestId;
  return answer;
}

function lowerCased(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

async function predict(call: PredictCall, requestId: string, deps: ServingDeps): Promise<PlainAnswer> {
  const started = performance.now();
  const { db } = deps;
  const { slug } = call;
  const endpoint = await deps.endpoints.get(slug);
  const deployment = endpoint?.deployment;
  if (!endpoint || !deployment || deployment.status !== "active" || deployment.currentVersionId === null) return notFound(slug);
  // Chosen once (current or canary, from the cached row): a promotion that lands while this request runs does not affect it.
  const versionId = servedVersionFor(deployment.currentVersionId, deployment);
  let instances = 0;
  let rows: Record<string, unknown>[] = [];
  let answered: Prediction[] = [];
  let answer: PlainAnswer;
  try {
    answer = await serve();
  } catch (error) {
    if (error instanceof ServingError) answer = error.toAnswer();
    else {
      // Logged under the request id the client receives; the answer names no internals.
      logInternalError(requestId, `endpoint ${slug}`, error);
      answer = servingErrorAnswer(500, { code: "INTERNAL", message: internalErrorMessage(requestId), requestId });
    }
  }
  const ok = answer.status >= 200 && answer.status < 300;
  const logged = logRequest(db, {
    deploymentId: deployment.id,
    versionId,
    latencyMs: performance.now() - started,
    instances,
    status: answer.status,
    ...(ok ? { rows, predictions: answered } : {}),
  });
  deps.waitUntil?.(logged.written);
  if (logged.backlogged) await logged.written;
  return answer;

  async function serve(): Promise<PlainAnswer> {
    let caller = `public:${deployment!.id}`;
    if (!deployment!.public) {
      const token = bearerOf(call);
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
    if (Number(call.headers["content-length"] ?? "0") > deployment!.maxBodyBytes) throw tooLarge();
    const bytes = await readPredictBody(call, deployment!.maxBodyBytes, tooLarge);
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
    return { status: 200, headers: { "content-type": JSON_CONTENT_TYPE }, body: JSON.stringify({ predictions, model: { version: served.versionNumber } }) };
  }
}
