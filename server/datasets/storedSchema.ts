import { z } from "zod";
import type { StoredDatasetSchema } from "@/pipeline/spec/datasetResolver";
import { COLUMN_TYPES, type TableSchema } from "@/pipeline/ml/table/table";
import type { Db } from "../db";
import { MAX_DATASET_COLUMNS } from "./datasetLimits";

export const storedTableSchema = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.enum(COLUMN_TYPES) })),
  target: z.string().optional(),
});
const storedFormat = z.enum(["csv", "json", "parquet"]);

/** Versions uploaded before the column limit can be far wider; reading their schema is what made reads slow. */
export function isOverColumnLimit(version: { columnCount: number }): boolean {
  return version.columnCount > MAX_DATASET_COLUMNS;
}

/**
 * The column schema read when a version was uploaded. A version over the column limit is refused
 * without loading its schema, with a message the canvas shows on the Load node.
 */
export async function readStoredSchema(db: Db, version: { id: string; fileName: string; columnCount: number }): Promise<StoredDatasetSchema> {
  if (isOverColumnLimit(version)) {
    throw new Error(`${version.fileName} has ${version.columnCount} columns, over the limit of ${MAX_DATASET_COLUMNS}. Upload a narrower version.`);
  }
  const row = await db.datasetVersion.findUniqueOrThrow({ where: { id: version.id }, select: { schema: true, format: true } });
  return { schema: parseStoredTableSchema(row.schema), format: storedFormat.parse(row.format) };
}

export function parseStoredTableSchema(json: string): TableSchema {
  return storedTableSchema.parse(JSON.parse(json));
}
