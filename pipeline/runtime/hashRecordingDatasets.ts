import { sha256Hex } from "../spec/sha256";
import type { DatasetResolver, ResolvedDataset, StoredDatasetSchema } from "../spec/datasetResolver";

/**
 * Resolves through another resolver and remembers the content hash of every dataset a
 * run read, by reference: what a run reports for its lineage (which data produced what).
 */
export class HashRecordingDatasets implements DatasetResolver {
  private readonly hashes: Record<string, string> = {};

  constructor(private readonly inner: DatasetResolver) {}

  async resolve(reference: string, signal?: AbortSignal): Promise<ResolvedDataset & { contentHash: string }> {
    const dataset = await this.inner.resolve(reference, signal);
    const contentHash = dataset.contentHash ?? sha256Hex(dataset.bytes);
    this.hashes[reference] = contentHash;
    return { ...dataset, contentHash };
  }

  /** Passed through: a schema the source stored spares reading and parsing the file. */
  storedSchema(reference: string, signal?: AbortSignal): Promise<StoredDatasetSchema | undefined> {
    return this.inner.storedSchema?.(reference, signal) ?? Promise.resolve(undefined);
  }

  /** Reference → content hash of each dataset resolved so far. */
  get contentHashes(): Record<string, string> {
    return { ...this.hashes };
  }
}
