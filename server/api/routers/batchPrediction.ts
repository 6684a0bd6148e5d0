import { z } from "zod";
import { batchModelRefSchema } from "../../batchPredictions/batchModel";
import { batchListFilterSchema, cancelBatch, getBatch, listBatches } from "../../batchPredictions/batchPredictions";
import { keyColumnSchema, submitDatasetBatch } from "../../batchPredictions/submitBatchPrediction";
import { processQueues } from "../../queue/processQueues";
import { projectProcedure, router } from "../trpc";

const batchRef = z.object({ batchId: z.string().min(1).max(100) });

/**
 * Batch predictions: a whole table scored by a model as a job on a worker. Uploaded files start one
 * through POST /api/projects/{projectId}/batch-predictions (multipart); the result CSV downloads from
 * GET /api/projects/{projectId}/batch-predictions/{batchId}/download.
 */
export const batchPredictionRouter = router({
  /** Scores a dataset version of the project with a registered model version or a deployment's current model. */
  create: projectProcedure("editor")
    .input(z.object({ model: batchModelRefSchema, datasetVersionId: z.string().min(1).max(100), keyColumn: keyColumnSchema }))
    .mutation(async ({ ctx, input }) => {
      const { batches } = await processQueues();
      const id = await submitDatasetBatch(ctx.db, batches, { ...input, projectId: ctx.projectId, userId: ctx.userId });
      return getBatch(ctx.db, ctx.projectId, id);
    }),

  list: projectProcedure("viewer")
    .input(batchListFilterSchema)
    .query(({ ctx, input }) => listBatches(ctx.db, ctx.projectId, { deploymentId: input.deploymentId, registeredVersionId: input.registeredVersionId })),

  get: projectProcedure("viewer")
    .input(batchRef)
    .query(({ ctx, input }) => getBatch(ctx.db, ctx.projectId, input.batchId)),

  cancel: projectProcedure("editor")
    .input(batchRef)
    .mutation(({ ctx, input }) => cancelBatch(ctx.db, ctx.projectId, input.batchId)),
});
