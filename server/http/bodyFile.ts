import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { bodyTooLarge } from "./bodyLimit";

export interface ReceivedBody {
  /** The body, on disk until `dispose()`. */
  path: string;
  bytes: number;
  /** Deletes the temporary file. Always call it, in a `finally`. */
  dispose(): Promise<void>;
}

/**
 * Streams a raw request body to a temporary file, failing with 413 (and leaving nothing on disk)
 * once it passes `maxBytes`. Collecting the chunks and joining them held a 50 MB upload twice.
 */
export async function receiveBodyFile(req: Request, maxBytes: number): Promise<ReceivedBody> {
  const directory = await mkdtemp(path.join(tmpdir(), "vajra-upload-"));
  const dispose = () => rm(directory, { recursive: true, force: true });
  const file = path.join(directory, "upload");
  let bytes = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.byteLength;
      done(bytes > maxBytes ? bodyTooLarge(maxBytes) : null, chunk);
    },
  });
  try {
    const source = req.body === null ? Readable.from([]) : Readable.fromWeb(req.body as NodeReadableStream<Uint8Array>);
    await pipeline(source, counted, createWriteStream(file, { mode: 0o600 }));
    return { path: file, bytes, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
