import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3RVER_CREDENTIALS, startS3Server } from "../testing/s3Server";
import { BlobNotFound, BlobStoreUnavailable, sha256Of, type BlobStore } from "./blobStore";
import { LocalBlobStore } from "./localBlobStore";
import { S3BlobStore } from "./s3BlobStore";

/**
 * One contract, both stores: the local directory and S3 through a real HTTP S3 server (s3rver).
 * `version(key)` changes exactly when the stored object is written again, which is how the tests
 * see that content addressing skips uploads of content already there.
 */
interface StoreFixture {
  store: BlobStore;
  version(key: string): Promise<string>;
}

let s3: Awaited<ReturnType<typeof startS3Server>>;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(() => s3.close());

function localFixture(): StoreFixture {
  const root = mkdtempSync(path.join(tmpdir(), "vajra-blobs-"));
  return {
    store: new LocalBlobStore(root),
    // A rewrite renames a new file into place: a new inode.
    version: async (key) => String((await stat(path.join(root, key.slice(0, 2), key))).ino),
  };
}

function s3Fixture(): StoreFixture {
  return {
    store: new S3BlobStore({ bucket: s3.bucket, region: "us-east-1", endpoint: s3.endpoint, credentials: S3RVER_CREDENTIALS }),
    version: (key) => Promise.resolve(String(s3.objectWrites(`artifacts/${key}`))),
  };
}

/** Yields the bytes in uneven slices, none aligned to a power of two, as a network would. */
async function* slices(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += size) yield bytes.subarray(offset, offset + size);
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<{ bytes: Uint8Array; chunks: number }> {
  const parts: Uint8Array[] = [];
  const reader = body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value);
  return { bytes: new Uint8Array(Buffer.concat(parts)), chunks: parts.length };
}

describe.each([
  ["local directory", localFixture],
  ["S3 (s3rver over HTTP)", s3Fixture],
])("blob store: %s", (_name, makeFixture) => {
  let fixture: StoreFixture;
  beforeAll(() => {
    fixture = makeFixture();
  });

  it("stores bytes under their SHA-256 and gives them back", async () => {
    const bytes = new TextEncoder().encode('{"accuracy":0.9}');
    const stored = await fixture.store.put(bytes);
    expect(stored).toEqual({ key: sha256Of(bytes), sha256: sha256Of(bytes), bytes: bytes.byteLength });
    expect(await fixture.store.has(stored.key)).toBe(true);
    expect(await fixture.store.get(stored.key)).toEqual(bytes);
    const opened = await fixture.store.open(stored.key);
    expect(opened.bytes).toBe(bytes.byteLength);
    expect((await readAll(opened.body)).bytes).toEqual(bytes);
  });

  it("stores an empty blob", async () => {
    const stored = await fixture.store.put(new Uint8Array());
    expect(stored.bytes).toBe(0);
    expect(await fixture.store.get(stored.key)).toEqual(new Uint8Array());
  });

  it("skips the write when the same content is already stored, whether it comes as bytes or as a stream", async () => {
    const bytes = randomBytes(10_000);
    const first = await fixture.store.put(bytes);
    const written = await fixture.version(first.key);
    expect(await fixture.store.put(new Uint8Array(bytes))).toEqual(first);
    expect(await fixture.store.putStream(slices(bytes, 3_001))).toEqual(first);
    expect(await fixture.version(first.key)).toBe(written);
  });

  it("streams a blob many chunks long in and out byte for byte", async () => {
    // 6 MiB + 7: well past the 64 KiB chunks of Node streams and the SDK's reads.
    const bytes = randomBytes(6 * 1024 * 1024 + 7);
    const expected = createHash("sha256").update(bytes).digest("hex");
    const stored = await fixture.store.putStream(slices(bytes, 100_003));
    expect(stored).toEqual({ key: expected, sha256: expected, bytes: bytes.byteLength });

    const opened = await fixture.store.open(stored.key);
    expect(opened.bytes).toBe(bytes.byteLength);
    const read = await readAll(opened.body);
    expect(read.chunks).toBeGreaterThan(1);
    expect(createHash("sha256").update(read.bytes).digest("hex")).toBe(expected);
    expect(Buffer.compare(read.bytes, bytes)).toBe(0);
    expect(sha256Of(await fixture.store.get(stored.key))).toBe(expected);
  });

  it("answers BlobNotFound for content it does not hold", async () => {
    const missing = sha256Of(new TextEncoder().encode("never stored"));
    expect(await fixture.store.has(missing)).toBe(false);
    await expect(fixture.store.get(missing)).rejects.toBeInstanceOf(BlobNotFound);
    await expect(fixture.store.open(missing)).rejects.toBeInstanceOf(BlobNotFound);
  });

  it("refuses keys that are not a SHA-256, before touching storage", async () => {
    for (const key of ["../../etc/passwd", `${"a".repeat(64)}/../x`, "A".repeat(64), ""]) {
      await expect(fixture.store.get(key)).rejects.toThrow(/Invalid blob key/);
      await expect(fixture.store.open(key)).rejects.toThrow(/Invalid blob key/);
      await expect(fixture.store.has(key)).rejects.toThrow(/Invalid blob key/);
    }
  });
});

describe("S3 blob store failures", () => {
  /** What a user may see must name nothing of the store. */
  function expectClearError(error: unknown, internals: string[]) {
    expect(error).toBeInstanceOf(BlobStoreUnavailable);
    const message = (error as Error).message;
    expect(message).toMatch(/cannot be reached/);
    for (const internal of internals) expect(message).not.toContain(internal);
  }

  it("a server that is down fails every call with a clear error that names no bucket, endpoint or key", async () => {
    const down = await startS3Server("vajra-down");
    await down.close();
    const store = new S3BlobStore({ bucket: down.bucket, region: "us-east-1", endpoint: down.endpoint, credentials: S3RVER_CREDENTIALS });
    const bytes = new TextEncoder().encode("x");
    const key = sha256Of(bytes);
    const internals = [down.bucket, down.endpoint, new URL(down.endpoint).port, key, "ECONNREFUSED"];
    for (const call of [() => store.put(bytes), () => store.putStream(slices(bytes, 1)), () => store.get(key), () => store.open(key), () => store.has(key)]) {
      expectClearError(await call().catch((error: unknown) => error), internals);
    }
  });

  it("refused credentials (403) fail with the same clear error", async () => {
    // s3rver does not verify V4 signatures, only that it knows the access key id.
    const store = new S3BlobStore({
      bucket: s3.bucket,
      region: "us-east-1",
      endpoint: s3.endpoint,
      credentials: { accessKeyId: "UNKNOWN-KEY", secretAccessKey: "not-the-secret" },
    });
    const bytes = new TextEncoder().encode("denied");
    expectClearError(await store.put(bytes).catch((error: unknown) => error), [s3.bucket, s3.endpoint, sha256Of(bytes)]);
    expectClearError(await store.get(sha256Of(bytes)).catch((error: unknown) => error), [s3.bucket, s3.endpoint]);
  });

  it("a bucket that does not exist is a store failure, not a missing blob", async () => {
    // (HEAD answers a bare 404 either way, so has() says false; the reads and the upload fail clearly.)
    const store = new S3BlobStore({ bucket: "no-such-bucket", region: "us-east-1", endpoint: s3.endpoint, credentials: S3RVER_CREDENTIALS });
    const key = sha256Of(new TextEncoder().encode("anything"));
    for (const call of [() => store.get(key), () => store.open(key), () => store.put(new TextEncoder().encode("anything"))]) {
      expectClearError(await call().catch((error: unknown) => error), ["no-such-bucket", s3.endpoint]);
    }
  });
});
