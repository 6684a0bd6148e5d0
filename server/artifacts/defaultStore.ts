import "server-only";
import path from "node:path";
import { env } from "../env";
import type { BlobStore } from "./blobStore";
import { LocalBlobStore } from "./localBlobStore";
import { S3BlobStore } from "./s3BlobStore";

let store: BlobStore | undefined;

/**
 * The process's blob store: the S3-compatible bucket named by S3_BUCKET, else `${DATA_DIR}/artifacts`.
 * Web and worker processes must be given the same settings, or one writes where the other never reads.
 */
export function defaultBlobStore(): BlobStore {
  store ??=
    env.S3_BUCKET === undefined
      ? new LocalBlobStore(path.resolve(env.DATA_DIR, "artifacts"))
      : new S3BlobStore({ bucket: env.S3_BUCKET, region: env.S3_REGION, ...(env.S3_ENDPOINT === undefined ? {} : { endpoint: env.S3_ENDPOINT }) });
  return store;
}
