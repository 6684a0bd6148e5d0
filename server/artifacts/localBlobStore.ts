import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { sha256Of, type BlobStore } from "./blobStore";

const KEY = /^[0-9a-f]{64}$/;

/** `<root>/<first two hex digits>/<sha256>`, written through a temporary file so readers never see half a blob. */
export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    // Keys come from the database, which came from users' uploads: never let one name a path.
    if (!KEY.test(key)) throw new Error(`Invalid blob key "${key}"`);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(bytes: Uint8Array) {
    const key = sha256Of(bytes);
    const file = this.pathOf(key);
    if (!(await this.has(key))) {
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, file);
    }
    return { key, sha256: key, bytes: bytes.byteLength };
  }

  async get(key: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.pathOf(key)));
  }

  async has(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }
}
