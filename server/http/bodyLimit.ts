import { DomainError } from "../errors/domainError";
import { errorResponse } from "../errors/restErrors";
import { formatJsonPath, JsonDepthScanner } from "./jsonDepth";

/**
 * Request body limits that hold while the body streams in.
 *
 * Checking Content-Length alone is not a limit: a chunked request has none, and such requests
 * stored a 19.9 MB notebook through the 1 MiB tRPC limit. So every route hands its handler a
 * Request whose body is a counting stream: past the limit the stream fails (so whatever reads it
 * stops, and the client's upload is cancelled) and the route answers 413 instead of whatever the
 * handler made of the failed read. Nothing is stored because handlers read their body before
 * they write.
 */

export interface BodyLimits {
  maxBytes: number;
  /** When set, the body is JSON and objects/arrays may nest at most this deep (400 with the path past it). */
  maxJsonDepth?: number;
  /** Turns the raw path of a too-deep value into the one the client knows (e.g. without an envelope). */
  describePath?: (path: (string | number)[]) => (string | number)[];
}

/**
 * A body the route refuses: a DomainError a handler may throw like any other, with `toResponse`
 * for the places that answer before a handler (or withErrorBoundary) runs.
 */
export class BodyRefused extends DomainError {
  toResponse(): Response {
    return errorResponse({ status: this.status, code: this.code, message: this.message });
  }
}

export function bodyTooLarge(maxBytes: number): BodyRefused {
  return new BodyRefused("tooLarge", `The request body is larger than the limit of ${formatBytes(maxBytes)}.`);
}

export function jsonTooDeep(maxDepth: number, path: (string | number)[]): BodyRefused {
  return new BodyRefused("invalid", `The input nests deeper than ${maxDepth} levels at ${formatJsonPath(path)}.`, { code: "JSON_TOO_DEEP" });
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The declared size, when the client declared one. */
function declaredLength(req: Request): number | null {
  const header = req.headers.get("content-length");
  if (header === null) return null;
  const declared = Number(header);
  return Number.isFinite(declared) ? declared : null;
}

/**
 * Wraps the body in a stream that counts bytes (and JSON depth) as they pass. `refusal()` says
 * whether the limits were crossed, which the caller checks after the handler ran because the
 * handler may have turned the failed read into an error of its own.
 */
export function limitRequestBody(req: Request, limits: BodyLimits): { request: Request; refusal: () => BodyRefused | null } {
  let refused: BodyRefused | null = null;
  if (req.body === null) return { request: req, refusal: () => null };
  const check = new BodyCheck(limits);
  const counted = req.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        refused = check.push(chunk);
        // Failing the stream cancels the source, so the rest of the upload is not read.
        if (refused !== null) controller.error(refused);
        else controller.enqueue(chunk);
      },
    }),
  );
  const request = new Request(req.url, {
    method: req.method,
    headers: req.headers,
    body: counted,
    signal: req.signal,
    duplex: "half",
  } as RequestInit & { duplex: "half" });
  return { request, refusal: () => refused };
}

/**
 * Runs a route handler on a size-limited body: 413 up front when the declared length is over the
 * limit, 413 (or 400 for too-deep JSON) when the streamed body turns out to be.
 */
export async function withBodyLimits(req: Request, limits: BodyLimits, handle: (req: Request) => Promise<Response>): Promise<Response> {
  const declared = declaredLength(req);
  if (declared !== null && declared > limits.maxBytes) return bodyTooLarge(limits.maxBytes).toResponse();
  const { request, refusal } = limitRequestBody(req, limits);
  let response: Response;
  try {
    response = await handle(request);
  } catch (error) {
    const refused = refusal() ?? (error instanceof BodyRefused ? error : null);
    if (refused !== null) return refused.toResponse();
    throw error;
  }
  const refused = refusal();
  if (refused === null) return response;
  await response.body?.cancel();
  return refused.toResponse();
}

/**
 * The limits' running check over a body as its chunks arrive: `push` answers the refusal once the
 * bytes so far cross a limit (too large, or JSON too deep), else null.
 */
export class BodyCheck {
  private readonly scanner: JsonDepthScanner | null;
  private total = 0;

  constructor(private readonly limits: BodyLimits) {
    this.scanner = limits.maxJsonDepth === undefined ? null : new JsonDepthScanner(limits.maxJsonDepth);
  }

  /** Bytes pushed so far. */
  get bytes(): number {
    return this.total;
  }

  push(chunk: Uint8Array): BodyRefused | null {
    this.total += chunk.byteLength;
    if (this.total > this.limits.maxBytes) return bodyTooLarge(this.limits.maxBytes);
    const deep = this.scanner === null ? null : this.scanner.push(chunk);
    return deep === null ? null : jsonTooDeep(this.limits.maxJsonDepth!, this.limits.describePath?.(deep) ?? deep);
  }
}

/**
 * The whole body, read within the limits; throws the BodyRefused when it is not. For handlers that
 * want the bytes anyway: the same refusals as limitRequestBody without a second stream and Request
 * around the body, which cost the predict route more per request than its model.
 */
export async function readBodyWithLimits(req: Request, limits: BodyLimits): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array();
  const check = new BodyCheck(limits);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const refused = check.push(value);
    if (refused !== null) {
      // Cancelling stops the rest of the upload being read.
      await reader.cancel();
      throw refused;
    }
    chunks.push(value);
  }
  return concatChunks(chunks, check.bytes);
}

export function concatChunks(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Reads at most `maxBytes` of the body (Content-Length can be absent or wrong); null when it is larger. */
export async function readBodyWithin(req: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return concatChunks(chunks, total);
}
