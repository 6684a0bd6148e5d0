import type { TableSchema } from "../ml/table/table";

/**
 * Where dataset bytes come from. The CLI reads files, the browser fetches, the
 * server reads its artifact store; nodes only ever see this interface.
 */
export interface ResolvedDataset {
  bytes: Uint8Array;
  /** File name or URL, used to guess the format when the node does not say. */
  name: string;
  /** Content hash if the source already knows it (saves hashing the bytes again). */
  contentHash?: string;
}

/** A dataset's column schema as read when it was stored, with the format it was read as. */
export interface StoredDatasetSchema {
  schema: TableSchema;
  format: "csv" | "json" | "parquet";
}

export interface DatasetResolver {
  resolve(reference: string, signal?: AbortSignal): Promise<ResolvedDataset>;
  /**
   * The schema recorded when the dataset was stored, when the source keeps one (the server's
   * uploaded datasets). Lets schema reads skip fetching and parsing the file; undefined means
   * "not known here, parse the bytes".
   */
  storedSchema?(reference: string, signal?: AbortSignal): Promise<StoredDatasetSchema | undefined>;
}

/** Sample datasets bundled with the app are referenced as `sample:<name>`. */
export const SAMPLE_PREFIX = "sample:";

export function sampleName(reference: string): string | undefined {
  return reference.startsWith(SAMPLE_PREFIX) ? reference.slice(SAMPLE_PREFIX.length) : undefined;
}

/** A resolver over an in-memory map, for tests and for callers that already hold the bytes. */
export function inMemoryDatasets(entries: Record<string, Uint8Array | string>): DatasetResolver {
  const encoder = new TextEncoder();
  return {
    async resolve(reference) {
      const entry = entries[reference];
      if (entry === undefined) throw new Error(`Dataset "${reference}" not found`);
      return { bytes: typeof entry === "string" ? encoder.encode(entry) : entry, name: reference };
    },
  };
}
