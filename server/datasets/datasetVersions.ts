import { z } from "zod";
import { detectFormat, parseDataset } from "@/pipeline/ml/table/dataset-format";
import { schemaOf } from "@/pipeline/ml/table/table";
import type { BlobStore } from "../artifacts/blobStore";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";
import { csvHeaderProblem, jsonColumnsProblem, parquetColumnsProblem, tableShapeProblem } from "./datasetLimits";
import { PROJECT_DATASET_PREFIX } from "./projectDatasets";
import { isUniqueViolation } from "../db/uniqueViolation";
import { announceDatasetVersion } from "../schedules/datasetVersionNudge";

export const datasetNameSchema = z.string().trim().min(1, { message: "Give the dataset a name." }).max(100);
export const fileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^/\\]+$/, { message: "A file name, without folders." });

export interface NewDatasetVersion {
  projectId: string;
  userId: string;
  name: string;
  fileName: string;
  bytes: Uint8Array;
}

const summaryFields = {
  id: true,
  number: true,
  contentHash: true,
  storageKey: true,
  fileName: true,
  format: true,
  rowCount: true,
  columnCount: true,
  bytes: true,
  createdAt: true,
} as const;

/**
 * Reads a file the way Load will, refusing (422) one it could not read, an empty one, or one past
 * the shape limits: what an upload accepts, and what a project import accepts.
 */
export async function readDatasetFile(fileName: string, bytes: Uint8Array) {
  const format = detectFormat(fileName, bytes);
  // Counted on the raw bytes first: parsing a file with a million columns takes seconds.
  const header = format === "csv" ? csvHeaderProblem(bytes) : format === "json" ? jsonColumnsProblem(bytes) : parquetColumnsProblem(bytes);
  if (header !== null) throw rejected(`${fileName}: ${header}`);
  const table = await parseDataset(fileName, bytes, format).catch((error: unknown) => {
    throw rejected(`Could not read ${fileName} as ${format}: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (table.rowCount === 0 || table.columns.length === 0) throw rejected(`${fileName} has no rows or no columns.`);
  const shape = tableShapeProblem(table);
  if (shape !== null) throw rejected(`${fileName}: ${shape}`);
  return { format, table };
}

/**
 * Uploading a file under a dataset name adds a version (the dataset is created on
 * first upload). The bytes are parsed first, so a file Load could not read is
 * refused at upload rather than at run time; re-uploading identical bytes returns
 * the latest version instead of adding a duplicate.
 */
export async function createDatasetVersion(db: Db, blobs: BlobStore, input: NewDatasetVersion) {
  const name = parseOrRefuse(datasetNameSchema, input.name);
  const fileName = parseOrRefuse(fileNameSchema, input.fileName);
  const { format, table } = await readDatasetFile(fileName, input.bytes);
  const blob = await blobs.put(input.bytes);

  const dataset = await db.dataset.upsert({
    where: { projectId_name: { projectId: input.projectId, name } },
    create: { projectId: input.projectId, name },
    update: {},
  });
  for (let attempt = 0; attempt < 3; attempt++) {
    // Not its schema: a version from before the column limit can hold a huge one.
    const latest = await db.datasetVersion.findFirst({ where: { datasetId: dataset.id }, orderBy: { number: "desc" }, select: summaryFields });
    if (latest?.contentHash === blob.sha256) return { dataset, version: latest, created: false, reference: `${PROJECT_DATASET_PREFIX}${dataset.id}` };
    try {
      const version = await db.datasetVersion.create({
        data: {
          datasetId: dataset.id,
          number: (latest?.number ?? 0) + 1,
          contentHash: blob.sha256,
          storageKey: blob.key,
          fileName,
          format,
          // Schema and counts are computed here once; reads use them and never parse the file again.
          schema: JSON.stringify(schemaOf(table)),
          rowCount: table.rowCount,
          columnCount: table.columns.length,
          bytes: blob.bytes,
          createdById: input.userId,
        },
        select: summaryFields,
      });
      await db.dataset.update({ where: { id: dataset.id }, data: { updatedAt: new Date() } });
      // Dataset triggers fire now rather than at the next poll; the version is saved whether or not anyone hears.
      await announceDatasetVersion(db).catch(() => undefined);
      return { dataset, version, created: true, reference: `${PROJECT_DATASET_PREFIX}${dataset.id}` };
    } catch (error) {
      // Two uploads to the same dataset at once: take the next number.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error("The dataset is being changed by several uploads at once. Try again.");
}

/** A file the user must fix (unreadable, empty, too wide), as opposed to a server fault: well formed, so 422. */
function rejected(message: string): DomainError {
  return new DomainError("unprocessable", message);
}

/** A name the user must fix; callers that validated it already (tRPC's input) never reach this. */
function parseOrRefuse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new DomainError("invalid", parsed.error.issues.map((i) => i.message).join(" "));
  return parsed.data;
}
