import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Immutable bytes addressed by their SHA-256. Artifacts and dataset versions both live here.
 * Two implementations, chosen by environment in defaultStore.ts: the local directory (the
 * embedded default, localBlobStore.ts) and an S3-compatible bucket (s3BlobStore.ts). Callers
 * never know which they have: keys, errors and streams behave the same on both.
 */
export interface BlobStore {
  /** Stores the bytes (a no-op when the same content is already there) and returns their key. */
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** Stores bytes that arrive as a stream, hashing them on the way through a temporary file: never whole in memory. */
  putStream(source: AsyncIterable<Uint8Array>): Promise<StoredBlob>;
  /** The whole blob in memory, for values the engine deserializes. Rejects with BlobNotFound when it is not there. */
  get(key: string): Promise<Uint8Array>;
  /** The blob as a stream, for downloads. Rejects with BlobNotFound when it is not there. */
  open(key: string): Promise<BlobRead>;
  has(key: string): Promise<boolean>;
}

export interface StoredBlob {
  key: string;
  sha256: string;
  bytes: number;
}

export interface BlobRead {
  body: ReadableStream<Uint8Array>;
  bytes: number;
}

/**
 * The database names a blob the store does not hold: a server-side fault (a deleted object, a
 * store switched without moving its contents), never the user's. Both stores throw this one.
 */
export class BlobNotFound extends Error {
  override name = "BlobNotFound";
  /** Marks it as a fault of ours, like a driver's or the file system's coded errors: an API answer withholds it (server/errors/publicError.ts). */
  readonly code = "BLOB_NOT_FOUND";
  constructor(readonly key: string) {
    super(`The stored content ${key} is missing from the file store.`);
  }
}

/**
 * The store could not be reached or refused us (network, credentials, permissions). The message
 * is for users and names nothing of the store (no bucket, endpoint or key); the cause, with the
 * details, goes to the server log with the request id.
 */
export class BlobStoreUnavailable extends Error {
  override name = "BlobStoreUnavailable";
  constructor(cause: unknown) {
    super("Stored files cannot be reached right now. Try again in a moment.", { cause });
  }
}

const KEY = /^[0-9a-f]{64}$/;

/** Keys come from the database, which came from users' uploads: never let one name a path or another object. */
export function assertBlobKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`Invalid blob key "${key.slice(0, 80)}"`);
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Writes a stream to a file while hashing it: one pass, a few chunks in memory. */
export async function spoolToFile(source: AsyncIterable<Uint8Array>, file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.byteLength;
      done(null, chunk);
    },
  });
  await pipeline(source, hashing, createWriteStream(file, { mode: 0o600 }));
  return { sha256: hash.digest("hex"), bytes };
}
