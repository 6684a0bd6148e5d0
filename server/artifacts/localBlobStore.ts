import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat, writeFile, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { assertBlobKey, BlobNotFound, sha256Of, spoolToFile, type BlobRead, type BlobStore, type StoredBlob } from "./blobStore";

function isMissing(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT";
}

const CHUNK_BYTES = 64 * 1024;

/**
 * The file as a stream read one chunk per pull, so a slow client holds back the reads. (Node 20's
 * Readable.toWeb reads ahead without bound: streaming a 50 MB blob grew the process by ~30 MB.)
 */
function readChunks(handle: FileHandle): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { bytesRead, buffer } = await handle.read(Buffer.alloc(CHUNK_BYTES), 0, CHUNK_BYTES, null);
        if (bytesRead > 0) return controller.enqueue(buffer.subarray(0, bytesRead));
        await handle.close();
        controller.close();
      } catch (error) {
        await handle.close();
        controller.error(error);
      }
    },
    cancel: () => handle.close(),
  });
}

/** `<root>/<first two hex digits>/<sha256>`, written through a temporary file so readers never see half a blob. */
export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertBlobKey(key);
    return path.join(this.root, key.slice(0, 2), key);
  }

  /** A temporary name beside the blobs, so the final rename stays on one file system. */
  private async temporaryFile(): Promise<string> {
    const directory = path.join(this.root, "incoming");
    await mkdir(directory, { recursive: true });
    return path.join(directory, `${randomBytes(8).toString("hex")}.tmp`);
  }

  async put(bytes: Uint8Array): Promise<StoredBlob> {
    const key = sha256Of(bytes);
    if (!(await this.has(key))) {
      const temporary = await this.temporaryFile();
      await writeFile(temporary, bytes);
      await this.moveIntoPlace(temporary, key);
    }
    return { key, sha256: key, bytes: bytes.byteLength };
  }

  async putStream(source: AsyncIterable<Uint8Array>): Promise<StoredBlob> {
    const temporary = await this.temporaryFile();
    try {
      const { sha256, bytes } = await spoolToFile(source, temporary);
      if (!(await this.has(sha256))) await this.moveIntoPlace(temporary, sha256);
      return { key: sha256, sha256, bytes };
    } finally {
      await rm(temporary, { force: true });
    }
  }

  private async moveIntoPlace(temporary: string, key: string): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    await rename(temporary, file);
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      throw isMissing(error) ? new BlobNotFound(key) : error;
    }
  }

  async open(key: string): Promise<BlobRead> {
    let handle: FileHandle;
    try {
      handle = await open(this.pathOf(key));
    } catch (error) {
      throw isMissing(error) ? new BlobNotFound(key) : error;
    }
    try {
      return { body: readChunks(handle), bytes: (await handle.stat()).size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }
}
