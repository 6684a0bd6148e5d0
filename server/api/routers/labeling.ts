import { z } from "zod";
import { defaultBlobStore } from "../../artifacts/defaultStore";
import type { Db } from "../../db";
import { claimNextItem, labelItem, skipItem, undoLastLabel } from "../../labeling/claims";
import { commitLabels } from "../../labeling/labelledDataset";
import { retrain } from "../../labeling/learningLoop";
import { listQueues, queueDetail } from "../../labeling/queueViews";
import { processQueues } from "../../queue/processQueues";
import { projectProcedure, router } from "../trpc";
import { queueNotFound } from "../../labeling/queueNotFound";

const queueRef = z.object({ queueId: z.string().min(1) });
const itemRef = queueRef.extend({ itemId: z.string().min(1) });

/** The queue must be this project's: an id from another project reads as not found. */
async function requireQueue(db: Db, projectId: string, queueId: string): Promise<void> {
  const queue = await db.labelingQueue.findFirst({ where: { id: queueId, projectId }, select: { id: true } });
  if (queue === null) throw queueNotFound();
}

/**
 * Labeling queues: viewers see queues, counts and the learning curve; only editors claim rows, label, commit
 * and retrain, since a claim already holds a row back from teammates.
 */
export const labelingRouter = router({
  listQueues: projectProcedure("viewer").query(({ ctx }) => listQueues(ctx.db, ctx.projectId)),

  queue: projectProcedure("viewer")
    .input(queueRef)
    .query(({ ctx, input }) => queueDetail(ctx.db, ctx.projectId, input.queueId)),

  /** Claims the caller's next row (or hands back the one they hold); null when nothing is left for them. */
  next: projectProcedure("editor")
    .input(queueRef)
    .mutation(async ({ ctx, input }) => {
      await requireQueue(ctx.db, ctx.projectId, input.queueId);
      return claimNextItem(ctx.db, { queueId: input.queueId, userId: ctx.userId });
    }),

  label: projectProcedure("editor")
    .input(itemRef.extend({ value: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      await requireQueue(ctx.db, ctx.projectId, input.queueId);
      return labelItem(ctx.db, { queueId: input.queueId, userId: ctx.userId }, input.itemId, input.value);
    }),

  skip: projectProcedure("editor")
    .input(itemRef)
    .mutation(async ({ ctx, input }) => {
      await requireQueue(ctx.db, ctx.projectId, input.queueId);
      await skipItem(ctx.db, { queueId: input.queueId, userId: ctx.userId }, input.itemId);
    }),

  /** Withdraws the caller's latest label here and gives its row back to them; null when there is none. */
  undo: projectProcedure("editor")
    .input(queueRef)
    .mutation(async ({ ctx, input }) => {
      await requireQueue(ctx.db, ctx.projectId, input.queueId);
      return undoLastLabel(ctx.db, { queueId: input.queueId, userId: ctx.userId });
    }),

  commit: projectProcedure("editor")
    .input(queueRef)
    .mutation(({ ctx, input }) => commitLabels(ctx.db, defaultBlobStore(), { projectId: ctx.projectId, queueId: input.queueId, userId: ctx.userId })),

  retrain: projectProcedure("editor")
    .input(queueRef)
    .mutation(async ({ ctx, input }) =>
      retrain(ctx.db, defaultBlobStore(), (await processQueues()).runs, { projectId: ctx.projectId, queueId: input.queueId, userId: ctx.userId }),
    ),
});
