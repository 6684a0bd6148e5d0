import { readCsv } from "./read-csv";
import { readJson } from "./read-json";
import type { ColumnType, Table } from "./table";

export const DATASET_FORMATS = ["auto", "csv", "json", "parquet"] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31];

/** The format of a dataset from its name, falling back to sniffing the first bytes. */
export function detectFormat(name: string, bytes: Uint8Array): Exclude<DatasetFormat, "auto"> {
  const lower = name.toLowerCase().split("?")[0] ?? "";
  if (lower.endsWith(".parquet")) return "parquet";
  if (lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "json";
  if (lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".txt")) return "csv";
  if (PARQUET_MAGIC.every((byte, i) => bytes[i] === byte)) return "parquet";
  const first = bytes.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09 && byte !== 0xef && byte !== 0xbb && byte !== 0xbf);
  return first === 0x5b || first === 0x7b ? "json" : "csv";
}

/** Parses dataset bytes (CSV, JSON array, JSON Lines or Parquet) into a Table. */
export async function parseDataset(name: string, bytes: Uint8Array, format: DatasetFormat, types: Record<string, ColumnType> = {}): Promise<Table> {
  const resolved = format === "auto" ? detectFormat(name, bytes) : format;
  switch (resolved) {
    case "parquet": {
      // Loaded on first use: the Parquet reader is ~55 KB of script that the pipeline page (which carries
      // the node catalog, and with it this function) would otherwise load with every canvas.
      const { readParquet } = await import("./read-parquet");
      return readParquet(bytes, { types });
    }
    case "json":
      return readJson(bytes, { types });
    case "csv":
      return readCsv(bytes, { types });
  }
}
