import { parseCsvRecords } from "@/pipeline/ml/table/csv";

/** Enough of a file for its header line (or first JSON Lines record), without reading a large file whole. */
const HEAD_BYTES = 256 * 1024;

/**
 * The column names of a picked file, read in the browser so the key column can be chosen from a
 * list: a CSV/TSV header, or the keys of a JSON Lines file's first record. Null when they cannot be
 * told cheaply (Parquet, a JSON array, an unreadable header): the server still checks the columns.
 */
export async function fileColumns(file: File): Promise<string[] | null> {
  const name = file.name.toLowerCase();
  if (name.endsWith(".parquet") || name.endsWith(".json")) return null;
  const head = await file.slice(0, HEAD_BYTES).text();
  const firstLine = head.split(/\r?\n/, 1)[0] ?? "";
  try {
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      const record: unknown = JSON.parse(firstLine);
      return typeof record === "object" && record !== null && !Array.isArray(record) ? Object.keys(record) : null;
    }
    const { header } = parseCsvRecords(firstLine);
    return header.length > 0 ? header : null;
  } catch {
    return null;
  }
}
