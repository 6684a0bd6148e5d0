import { createHash } from "node:crypto";

/**
 * Immutable bytes addressed by their SHA-256. Artifacts and dataset versions both
 * live here. The local directory is the embedded default; an S3-compatible store
 * implements the same three methods (key = object name, `put` = PutObject with
 * If-None-Match, `get` = GetObject).
 */
export interface BlobStore {
  /** Stores the bytes (a no-op when the same content is already there) and returns their key. */
  put(bytes: Uint8Array): Promise<{ key: string; sha256: string; bytes: number }>;
  get(key: string): Promise<Uint8Array>;
  has(key: string): Promise<boolean>;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
