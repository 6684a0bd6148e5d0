import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { TableSchema } from "@/pipeline/ml/table/table";
import { readDatasetSchemas } from "@/pipeline/runtime/datasetSchemas";
import { projectDatasetReference } from "@/pipeline/spec/datasetReference";
import { defaultBlobStore } from "../../artifacts/defaultStore";
import { createDatasetVersion, datasetNameSchema, fileNameSchema } from "../../datasets/datasetVersions";
import { PROJECT_DATASET_PREFIX, projectDatasets } from "../../datasets/projectDatasets";
import { previewDatasetVersion } from "../../datasets/datasetPreview";
import { datasetUsage, deleteDataset } from "../../datasets/datasetUsage";
import { sampleStats } from "../../datasets/sampleStats";
import { isOverColumnLimit, parseStoredTableSchema } from "../../datasets/storedSchema";
import { projectProcedure, router } from "../trpc";

const SAMPLES = ["iris", "breast_cancer", "digits", "penguins", "credit_data", "fine_foods_train", "fine_foods_test"];

/** Larger files go to POST /api/projects/{projectId}/datasets (the tRPC endpoint takes at most 1 MiB bodies). */
export const MAX_TRPC_UPLOAD_CHARS = 1_000_000;

const versionFields = {
  id: true,
  number: true,
  fileName: true,
  format: true,
  contentHash: true,
  rowCount: true,
  columnCount: true,
  bytes: true,
  createdAt: true,
} as const;

export const datasetRouter = router({
  /** Datasets a Load node can read in this project: bundled samples, then the project's uploads. */
  list: projectProcedure("viewer").query(async ({ ctx }) => {
    const uploaded = await ctx.db.dataset.findMany({
      where: { projectId: ctx.projectId },
      orderBy: { name: "asc" },
      include: { versions: { orderBy: { number: "desc" }, take: 1, select: versionFields } },
    });
    const stats = await sampleStats(SAMPLES);
    return [
      ...SAMPLES.map((name) => ({
        reference: `sample:${name}`,
        name,
        kind: "sample" as const,
        nameReference: `sample:${name}`,
        datasetId: null,
        latestVersion: null,
        rowCount: stats[name]?.rows ?? null,
      })),
      ...uploaded.map((d) => ({
        reference: `${PROJECT_DATASET_PREFIX}${d.id}`,
        /** What the Load node's picker writes: by name, the newest version (see pipeline/spec/datasetReference.ts). */
        nameReference: projectDatasetReference(d.name),
        name: d.name,
        kind: "project" as const,
        datasetId: d.id,
        latestVersion: d.versions[0] ?? null,
        rowCount: d.versions[0]?.rowCount ?? null,
      })),
    ];
  }),

  /**
   * Raw column schemas of the datasets that the given Load-like nodes read, so the
   * canvas can check column params and offer column pickers before anything runs.
   */
  schemas: projectProcedure("viewer")
    .input(z.object({ nodes: z.array(z.object({ id: z.string(), kind: z.string(), params: z.record(z.string(), z.unknown()) })).max(200) }))
    .query(async ({ ctx, input }): Promise<{ schemas: Record<string, TableSchema>; failures: { nodeId: string; message: string }[] }> =>
      readDatasetSchemas({ nodes: input.nodes }, projectDatasets({ db: ctx.db, blobs: defaultBlobStore(), projectId: ctx.projectId })),
    ),

  /** Uploads a small file as text (CSV / JSON / JSON Lines) as a new version of the named dataset. */
  upload: projectProcedure("editor")
    .input(
      z.object({
        name: datasetNameSchema,
        fileName: fileNameSchema,
        content: z
          .string()
          .min(1)
          .max(MAX_TRPC_UPLOAD_CHARS, {
            message: `Files over ${MAX_TRPC_UPLOAD_CHARS} characters go to POST /api/projects/{projectId}/datasets.`,
          }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // A file the user must change is refused 422, as over REST (createDatasetVersion's DomainError).
      const created = await createDatasetVersion(ctx.db, defaultBlobStore(), {
        projectId: ctx.projectId,
        userId: ctx.userId,
        name: input.name,
        fileName: input.fileName,
        bytes: new TextEncoder().encode(input.content),
      });
      return { datasetId: created.dataset.id, reference: created.reference, created: created.created, version: pickVersion(created.version) };
    }),

  /** Every version of one dataset, newest first. */
  versions: projectProcedure("viewer")
    .input(z.object({ datasetId: z.string().min(1) }))
    .query(async ({ ctx, input }) => {
      const dataset = await ctx.db.dataset.findFirst({ where: { id: input.datasetId, projectId: ctx.projectId } });
      if (!dataset) throw new TRPCError({ code: "NOT_FOUND", message: "Dataset not found in this project." });
      const versions = await ctx.db.datasetVersion.findMany({
        where: { datasetId: dataset.id },
        orderBy: { number: "desc" },
        select: { ...versionFields, createdBy: { select: { email: true, name: true } } },
      });
      // Schemas are read as stored at upload, never by parsing files; a version wider than the column
      // limit (uploaded before it) lists its count with a null schema rather than a huge one.
      const readable = versions.filter((v) => !isOverColumnLimit(v)).map((v) => v.id);
      const stored = await ctx.db.datasetVersion.findMany({ where: { id: { in: readable } }, select: { id: true, schema: true } });
      const schemaOf = new Map(stored.map((v) => [v.id, parseStoredTableSchema(v.schema)]));
      return {
        dataset: {
          id: dataset.id,
          name: dataset.name,
          reference: `${PROJECT_DATASET_PREFIX}${dataset.id}`,
          nameReference: projectDatasetReference(dataset.name),
        },
        versions: versions.map((v) => ({ ...v, schema: schemaOf.get(v.id) ?? null })),
      };
    }),

  /** First rows and per-column statistics of one version. */
  preview: projectProcedure("viewer")
    .input(z.object({ versionId: z.string().min(1).max(100) }))
    .query(({ ctx, input }) => previewDatasetVersion(ctx.db, defaultBlobStore(), ctx.projectId, input.versionId)),

  /** What deleting the dataset would touch: pipelines that read it (by name), and runs still reading it. */
  usage: projectProcedure("viewer")
    .input(z.object({ datasetId: z.string().min(1).max(100) }))
    .query(({ ctx, input }) => datasetUsage(ctx.db, ctx.projectId, input.datasetId)),

  /** Deletes the dataset and all its versions; refused while a run or batch prediction reads it. */
  delete: projectProcedure("editor")
    .input(z.object({ datasetId: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => deleteDataset(ctx.db, ctx.projectId, input.datasetId)),
});

function pickVersion(version: {
  id: string;
  number: number;
  fileName: string;
  format: string;
  contentHash: string;
  rowCount: number;
  columnCount: number;
  bytes: number;
  createdAt: Date;
}) {
  const { id, number, fileName, format, contentHash, rowCount, columnCount, bytes, createdAt } = version;
  return { id, number, fileName, format, contentHash, rowCount, columnCount, bytes, createdAt };
}
