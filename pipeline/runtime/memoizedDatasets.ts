import { sha256Hex } from "../spec/sha256";
import type { DatasetResolver, ResolvedDataset, StoredDatasetSchema } from "../spec/datasetResolver";

/**
 * Resolves each dataset reference once per run: the runner needs its content hash
 * for the fingerprint and the Load node needs its bytes, and a fetch or file read
 * should not happen twice for that.
 */
export class MemoizedDatasets implements DatasetResolver {
  private readonly resolved = new Map<string, Promise<ResolvedDataset & { contentHash: string }>>();

  constructor(private readonly inner: DatasetResolver) {}

  resolve(reference: string, signal?: AbortSignal): Promise<ResolvedDataset & { contentHash: string }> {
    let pending = this.resolved.get(reference);
    if (pending === undefined) {
      pending = this.inner.resolve(reference, signal).then((dataset) => ({
        ...dataset,
        contentHash: dataset.contentHash ?? sha256Hex(dataset.bytes),
      }));
      this.resolved.set(reference, pending);
    }
    return pending;
  }

  /** Lets go of a dataset (its bytes) no node will read again; resolving it once more fetches it again. */
  forget(reference: string): void {
    this.resolved.delete(reference);
  }

  /** Passed through: a schema the source stored spares reading and parsing the file. */
  storedSchema(reference: string, signal?: AbortSignal): Promise<StoredDatasetSchema | undefined> {
    return this.inner.storedSchema?.(reference, signal) ?? Promise.resolve(undefined);
  }
}
