import { readFile } from "node:fs/promises";
import path from "node:path";
import { readCsv } from "@/pipeline/ml/table/read-csv";
import { SAMPLE_DIRECTORY } from "./projectDatasets";

let cached: Promise<Record<string, { rows: number; columns: number }>> | undefined;

/** Row and column counts of the bundled samples, read once per process (they never change). */
export function sampleStats(names: string[]) {
  cached ??= Promise.all(
    names.map(async (name) => {
      const table = readCsv(await readFile(path.join(SAMPLE_DIRECTORY, `${name}.csv`)), {});
      return [name, { rows: table.rowCount, columns: table.columns.length }] as const;
    }),
  ).then(Object.fromEntries);
  return cached;
}
