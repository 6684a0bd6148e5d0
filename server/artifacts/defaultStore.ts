import "server-only";
import path from "node:path";
import { env } from "../env";
import type { BlobStore } from "./blobStore";
import { LocalBlobStore } from "./localBlobStore";

let store: BlobStore | undefined;

/** The process's blob store: `${DATA_DIR}/artifacts`. (An S3 store would be chosen here from its env vars.) */
export function defaultBlobStore(): BlobStore {
  store ??= new LocalBlobStore(path.resolve(env.DATA_DIR, "artifacts"));
  return store;
}
