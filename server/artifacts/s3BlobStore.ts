import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type * as S3 from "@aws-sdk/client-s3";
import { assertBlobKey, BlobNotFound, BlobStoreUnavailable, sha256Of, spoolToFile, type BlobRead, type BlobStore, type StoredBlob } from "./blobStore";

export interface S3BlobStoreOptions {
  bucket: string;
  region: string;
  /** A non-AWS server (MinIO, R2, a test server): addressed path-style, since such servers rarely resolve bucket subdomains. */
  endpoint?: string;
  /** Unset in production: the SDK's default chain (AWS_ACCESS_KEY_ID/…, profiles, instance roles). */
  credentials?: S3.S3ClientConfig["credentials"];
}

/** Objects sit under this prefix, as the local store's under `${DATA_DIR}/artifacts`, so a bucket can hold other things too. */
const PREFIX = "artifacts/";

/**
 * GET names a missing object NoSuchKey; HEAD has no body, so the SDK calls any 404 NotFound. A
 * missing bucket is NoSuchBucket on GET and PUT: a store failure, not a missing blob.
 */
function isMissing(error: unknown): boolean {
  return error instanceof Error && (error.name === "NoSuchKey" || error.name === "NotFound");
}

/**
 * Blobs in an S3-compatible bucket, one object per SHA-256. Uploads check for the object first and
 * skip it when present (content addressing makes a second copy pointless); streamed uploads are
 * spooled to a temporary file while hashed, then sent from that file with its length.
 */
export class S3BlobStore implements BlobStore {
  private connection: Promise<{ sdk: typeof S3; client: S3.S3Client }> | undefined;

  constructor(private readonly options: S3BlobStoreOptions) {}

  /** The SDK takes ~300 ms to load: only processes configured for S3 pay for it, on first use. */
  private connect(): Promise<{ sdk: typeof S3; client: S3.S3Client }> {
    this.connection ??= import("@aws-sdk/client-s3").then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: this.options.region,
        ...(this.options.endpoint === undefined ? {} : { endpoint: this.options.endpoint, forcePathStyle: true }),
        ...(this.options.credentials === undefined ? {} : { credentials: this.options.credentials }),
        // Checksums only where S3 demands them: many S3-compatible servers reject the SDK's default
        // chunked-trailer checksums. PutObject sends our SHA-256 instead (see below).
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
        maxAttempts: 3,
        // A server that does not answer fails the request in seconds rather than hanging it.
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
      }),
    }));
    return this.connection;
  }

  private objectOf(key: string): { Bucket: string; Key: string } {
    assertBlobKey(key);
    return { Bucket: this.options.bucket, Key: `${PREFIX}${key}` };
  }

  async put(bytes: Uint8Array): Promise<StoredBlob> {
    const key = sha256Of(bytes);
    // The SDK sends a Uint8Array body as a view of the same memory: no second copy.
    if (!(await this.has(key))) await this.upload(key, bytes, bytes.byteLength);
    return { key, sha256: key, bytes: bytes.byteLength };
  }

  async putStream(source: AsyncIterable<Uint8Array>): Promise<StoredBlob> {
    const directory = await mkdtemp(path.join(tmpdir(), "vajra-blob-"));
    try {
      const file = path.join(directory, "blob");
      const { sha256, bytes } = await spoolToFile(source, file);
      if (!(await this.has(sha256))) await this.upload(sha256, createReadStream(file), bytes);
      return { key: sha256, sha256, bytes };
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }

  private async upload(key: string, body: S3.PutObjectCommandInput["Body"], length: number): Promise<void> {
    const object = this.objectOf(key);
    await this.call(({ sdk, client }) =>
      client.send(
        new sdk.PutObjectCommand({
          ...object,
          Body: body,
          ContentLength: length,
          ContentType: "application/octet-stream",
          // The server checks the bytes it received against the key they are stored under.
          ChecksumSHA256: Buffer.from(key, "hex").toString("base64"),
        }),
      ),
    );
  }

  async get(key: string): Promise<Uint8Array> {
    const object = await this.getObject(key);
    try {
      return await object.Body.transformToByteArray();
    } catch (error) {
      throw new BlobStoreUnavailable(error);
    }
  }

  async open(key: string): Promise<BlobRead> {
    const object = await this.getObject(key);
    return { body: object.Body.transformToWebStream() as ReadableStream<Uint8Array>, bytes: object.ContentLength ?? 0 };
  }

  private async getObject(key: string) {
    const location = this.objectOf(key);
    const object = await this.call(({ sdk, client }) => client.send(new sdk.GetObjectCommand(location)), key);
    if (object.Body === undefined) throw new BlobNotFound(key);
    return { ...object, Body: object.Body };
  }

  async has(key: string): Promise<boolean> {
    try {
      const location = this.objectOf(key);
      await this.call(({ sdk, client }) => client.send(new sdk.HeadObjectCommand(location)), key);
      return true;
    } catch (error) {
      if (error instanceof BlobNotFound) return false;
      throw error;
    }
  }

  /** Every call to S3 goes through here: a missing object becomes BlobNotFound, any other failure BlobStoreUnavailable. */
  private async call<Output>(request: (s3: { sdk: typeof S3; client: S3.S3Client }) => Promise<Output>, key?: string): Promise<Output> {
    try {
      return await request(await this.connect());
    } catch (error) {
      if (key !== undefined && isMissing(error)) throw new BlobNotFound(key);
      throw new BlobStoreUnavailable(error);
    }
  }
}
