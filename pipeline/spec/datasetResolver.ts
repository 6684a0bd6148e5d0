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
