import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyCheck, concatChunks, type BodyLimits } from "./bodyLimit";

/** A node:http request as a fetch-style Request (headers, method and the body as a stream), as Next.js hands routes one. */
export function toWebRequest(incoming: IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  return new Request(url, {
    method: incoming.method ?? "GET",
    headers,
    ...(hasBody ? { body: bodyOf(incoming), duplex: "half" } : {}),
  } as RequestInit);
}

/** Writes a route's Response to node:http: event streams as they are produced, anything else at once. */
export async function sendWebResponse(
  response: Response,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  if (response.body && response.headers.get("content-type")?.startsWith("text/event-stream")) return streamEvents(response.body, response, outgoing);
  const body = Buffer.from(await response.arrayBuffer());
  const unread = !incoming.readableEnded;
  // Object.fromEntries keeps only the last Set-Cookie; a response may set several (next-auth does).
  const cookies = response.headers.getSetCookie();
  outgoing.writeHead(response.status, { ...extraHeaders, ...Object.fromEntries(response.headers), ...(cookies.length > 0 ? { "set-cookie": cookies } : {}) });
  outgoing.end(body);
  if (unread) discardUnread(incoming);
}

/**
 * After answering a request whose body was not read to its end (413, 401): discards the rest rather
 * than buffer it. Not closing at once: closing a socket with unread input resets it, and the reset
 * can overtake the answer on its way to a client that is still sending. A client that goes on
 * sending for long is cut off. Call it after the answer was written, only when `readableEnded`
 * was false before writing.
 */
export function discardUnread(incoming: IncomingMessage): void {
  incoming.resume();
  setTimeout(() => {
    if (!incoming.readableEnded) incoming.destroy();
  }, 2000).unref();
}

/**
 * The whole body of a node:http request, read within the limits, without a web stream in between;
 * throws the BodyRefused when it is not within them (readBodyWithLimits's refusals). A refused body
 * stops being read (the socket is paused, as a cancelled bodyOf stream pauses it), so the answer
 * still goes out; discardUnread then drops the rest.
 */
export function readIncomingWithLimits(incoming: IncomingMessage, limits: BodyLimits): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const check = new BodyCheck(limits);
    let first: Buffer | null = null;
    let rest: Buffer[] | null = null;
    const stop = () => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onError);
      incoming.off("close", onClose);
    };
    function onData(chunk: Buffer) {
      const refused = check.push(chunk);
      if (refused !== null) {
        stop();
        incoming.pause();
        reject(refused);
      } else if (first === null) first = chunk;
      else (rest ??= [first]).push(chunk);
    }
    function onEnd() {
      stop();
      resolve(rest !== null ? concatChunks(rest, check.bytes) : (first ?? new Uint8Array()));
    }
    function onError(error: Error) {
      stop();
      reject(error);
    }
    // Closed before its end (the client went away, perhaps before this began to read): no 'end' will come.
    function onClose() {
      stop();
      reject(new Error("The request was aborted before its body arrived."));
    }
    if (incoming.destroyed) return onClose();
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onError);
    incoming.on("close", onClose);
  });
}

/**
 * Server-sent events (tRPC subscriptions) go out as they are produced: buffered, none would arrive
 * before the stream ends. A client that disconnects cancels the stream, as Next.js does.
 */
function streamEvents(body: ReadableStream<Uint8Array>, response: Response, outgoing: ServerResponse): void {
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  const reader = body.getReader();
  outgoing.on("close", () => void reader.cancel().catch(() => undefined));
  void (async () => {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) outgoing.write(chunk.value);
    outgoing.end();
  })().catch(() => outgoing.destroy());
}

/**
 * The request body as a web stream. A handler that stops reading (a 413 while the body streams)
 * cancels it; that pauses the socket instead of destroying it, so the answer still goes out and
 * the connection closes after it, as above (Readable.toWeb would reset the connection at once).
 */
function bodyOf(incoming: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      incoming.on("data", (chunk: Buffer) => {
        if (cancelled) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) incoming.pause();
      });
      incoming.on("end", () => {
        if (!cancelled) controller.close();
      });
      incoming.on("error", (error) => {
        if (!cancelled) controller.error(error);
      });
    },
    pull() {
      incoming.resume();
    },
    cancel() {
      cancelled = true;
      incoming.pause();
    },
  });
}
