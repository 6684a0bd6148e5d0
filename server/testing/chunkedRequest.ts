import { request } from "node:http";

export interface ChunkedAnswer {
  status: number;
  body: string;
  /** Bytes the client managed to send before the server answered or closed. */
  sent: number;
}

/**
 * POSTs a body with `Transfer-Encoding: chunked` and no Content-Length, as a client that streams
 * would, so only limits that count bytes while reading can stop it. Stops sending once the server
 * answers (a server that refuses early closes the connection).
 */
export function postChunked(url: string, headers: Record<string, string>, chunks: Iterable<Uint8Array | string>): Promise<ChunkedAnswer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(url, { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } }, (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => {
        // The server answered before the body ended (a refusal): stop the upload for good.
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8"), sent });
      });
      res.on("error", reject);
    });
    // The server may close while we still write (that is the point); the answer has come by then.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const iterator = chunks[Symbol.iterator]();
    const pump = () => {
      for (;;) {
        if (answered || req.destroyed) return;
        const next = iterator.next();
        if (next.done) {
          req.end();
          return;
        }
        const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
        sent += chunk.byteLength;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
    };
    pump();
  });
}

/** `count` chunks of `size` bytes of `fill`, generated lazily so a test can send 100+ MB cheaply. */
export function* repeatedChunks(count: number, size: number, fill = "x"): Generator<Uint8Array> {
  const chunk = Buffer.alloc(size, fill);
  for (let i = 0; i < count; i++) yield chunk;
}
