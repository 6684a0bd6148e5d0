import { tracked, TRPCError } from "@trpc/server";
import { z } from "zod";
import { ACTIVE_RUN_STATUSES, isFinished, runStatusSchema } from "@/contracts/runStatus";
import { runLaneSchema } from "@/contracts/runLane";
import { runTargetSchema } from "@/contracts/runTarget";
import type { Db } from "../../db";
import { processQueues } from "../../queue/processQueues";
import { queuePositions, type QueuePosition } from "../../queue/queuePositions";
import { appendRunEvents, findReportableRun, finishBrowserRun, finishBrowserRunSchema } from "../../runs/browserRuns";
import { compareRuns } from "../../runs/compareRuns";
import { runEventSchema } from "../../runs/runEventSchema";
import { notifyRunChanged } from "../../runs/runChanges";
import { readRunEvents } from "../../runs/runEvents";
import { runEvaluations } from "../../runs/runEvaluations";
import { producerCurve } from "../../runs/stepCurves";
import { runDetail, runSummary, runSummaryInclude } from "../../runs/runViews";
import { startRun } from "../../runs/startRun";
import { watchRun } from "../../runs/watchRun";
import { cancelUnfinishedTrials } from "../../tuning/trialQueue";
import { runTrials } from "../../tuning/trialViews";
import { projectProcedure, router } from "../trpc";

const runRef = z.object({ runId: z.string().min(1) });

async function findRun(db: Db, projectId: string, runId: string) {
  const run = await db.run.findFirst({ where: { id: runId, projectId } });
  if (!run) throw new TRPCError({ code: "NOT_FOUND", message: "Run not found in this project." });
  return run;
}

export const runRouter = router({
  /** Runs a saved version (the latest unless `versionId`), up to `targetNodeId` when given ("run to here"). */
  start: projectProcedure("editor")
    .input(
      z.object({
        pipelineId: z.string().min(1),
        versionId: z.string().min(1).optional(),
        target: runTargetSchema,
        targetNodeId: z.string().min(1).optional(),
        ignoreCache: z.boolean().default(false),
        /** Server runs: scheduled and bulk work from code should say "batch" so people's runs go first. */
        lane: runLaneSchema.default("interactive"),
      }),
    )
    .mutation(async ({ ctx, input }) => startRun(ctx.db, (await processQueues()).runs, { ...input, projectId: ctx.projectId, userId: ctx.userId })),

  /**
   * Stops a queued or running run and its tuner trials (editors, who are the ones who start runs;
   * viewers never write); workers notice at their next heartbeat and stop at the next node or epoch.
   * The project's next waiting run takes its slot.
   */
  cancel: projectProcedure("editor")
    .input(runRef)
    .mutation(async ({ ctx, input }) => {
      await findRun(ctx.db, ctx.projectId, input.runId);
      await ctx.db.run.updateMany({
        where: { id: input.runId, status: { in: [...ACTIVE_RUN_STATUSES] } },
        data: { status: "cancelled", finishedAt: new Date() },
      });
      await notifyRunChanged(ctx.db, input.runId);
      // Workers training its tuner trials stop at their next heartbeat too.
      await cancelUnfinishedTrials(ctx.db, { runId: input.runId });
      const run = await findRun(ctx.db, ctx.projectId, input.runId);
      if (run.target === "server") await (await processQueues()).runs.admit(ctx.projectId);
      return { runId: run.id, status: run.status };
    }),

  /**
   * Puts a queued server run first in its project's queue (editors). A run already
   * handed to the job queue is ahead of every waiting one of its project; that is said, not an error.
   */
  moveToFront: projectProcedure("editor")
    .input(runRef)
    .mutation(async ({ ctx, input }) => {
      const run = await findRun(ctx.db, ctx.projectId, input.runId);
      if (run.target !== "server" || run.status !== "queued") {
        throw new TRPCError({ code: "CONFLICT", message: "Only a queued server run can be moved to the front." });
      }
      const { count } = await ctx.db.run.updateMany({
        where: { id: run.id, status: "queued", dispatchedAt: null },
        data: { movedToFrontAt: new Date() },
      });
      await (await processQueues()).runs.admit(ctx.projectId);
      return { runId: run.id, moved: count === 1, position: (await queuePositions(ctx.db, ctx.projectId)).get(run.id) ?? null };
    }),

  /** Newest runs first, optionally of one pipeline or status, each with its Evaluate steps' metrics (the list's metric columns). */
  list: projectProcedure("viewer")
    .input(
      z.object({
        pipelineId: z.string().min(1).optional(),
        status: runStatusSchema.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      const runs = await ctx.db.run.findMany({
        where: { projectId: ctx.projectId, ...(input.pipelineId ? { pipelineId: input.pipelineId } : {}), ...(input.status ? { status: input.status } : {}) },
        orderBy: { createdAt: "desc" },
        take: input.limit,
        include: runSummaryInclude,
      });
      const positions = runs.some((run) => run.status === "queued") ? await queuePositions(ctx.db, ctx.projectId) : new Map<string, QueuePosition>();
      const evaluations = await runEvaluations(ctx.db, runs);
      return runs.map((run) => ({ ...runSummary(run), queue: positions.get(run.id) ?? null, evaluations: evaluations.get(run.id) ?? [] }));
    }),

  /** A run with its steps (cache flags, metrics, logs, artifacts) and error. */
  get: projectProcedure("viewer")
    .input(runRef)
    .query(async ({ ctx, input }) => {
      const run = await runDetail(ctx.db, ctx.projectId, input.runId);
      if (!run) throw new TRPCError({ code: "NOT_FOUND", message: "Run not found in this project." });
      return run;
    }),

  /** A server run's tuner trials so far: status, score and the worker that has each (empty for other runs). */
  trials: projectProcedure("viewer")
    .input(runRef)
    .query(async ({ ctx, input }) => {
      await findRun(ctx.db, ctx.projectId, input.runId);
      return runTrials(ctx.db, input.runId);
    }),

  /** Events after `afterSeq` (start at -1), for polling; `finished` once the run ended and every event was returned. */
  events: projectProcedure("viewer")
    .input(runRef.extend({ afterSeq: z.number().int().min(-1).default(-1) }))
    .query(async ({ ctx, input }) => {
      await findRun(ctx.db, ctx.projectId, input.runId);
      const read = await readRunEvents(ctx.db, input.runId, input.afterSeq);
      return { ...read, finished: isFinished(read.status) && read.events.length === 0 };
    }),

  /**
   * The same stream as a subscription (SSE through httpSubscriptionLink): every event, the status when it
   * changes, and last the final status, pushed as workers write them (server/runs/watchRun.ts). Resumes
   * after `lastEventId` on reconnect.
   */
  watch: projectProcedure("viewer")
    .input(runRef.extend({ afterSeq: z.number().int().min(-1).default(-1), lastEventId: z.string().nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      await findRun(ctx.db, ctx.projectId, input.runId);
      const resumed = input.lastEventId ? Number.parseInt(input.lastEventId, 10) : Number.NaN;
      const after = Number.isFinite(resumed) ? resumed : input.afterSeq;
      for await (const item of watchRun(ctx.db, input.runId, after, signal ? { signal } : {})) yield tracked(String(item.seq), item);
    }),

  /**
   * The training curve (epoch events) of the step that computed a fingerprint in this project: what a step
   * reused from the cache shows (server runs replay it into their events; browser runs ask for it here).
   */
  stepCurve: projectProcedure("viewer")
    .input(z.object({ fingerprint: z.string().min(1).max(128) }))
    .query(({ ctx, input }) => producerCurve(ctx.db, ctx.projectId, input.fingerprint)),

  /** Two runs side by side: params and metrics per node. */
  compare: projectProcedure("viewer")
    .input(z.object({ runIds: z.tuple([z.string().min(1), z.string().min(1)]) }))
    .query(async ({ ctx, input }) => {
      const comparison = await compareRuns(ctx.db, ctx.projectId, input.runIds);
      if (!comparison) throw new TRPCError({ code: "NOT_FOUND", message: "Run not found in this project." });
      return comparison;
    }),

  /** A browser run's progress, in order. */
  reportEvents: projectProcedure("editor")
    .input(runRef.extend({ events: z.array(runEventSchema).min(1).max(500) }))
    .mutation(async ({ ctx, input }) => {
      await findReportableRun(ctx.db, ctx.projectId, input.runId, ctx.userId);
      return appendRunEvents(ctx.db, input.runId, input.events);
    }),

  /** A browser run's outcome and step records (upload its artifacts first, to POST /api/runs/{runId}/artifacts). */
  finishBrowserRun: projectProcedure("editor")
    .input(finishBrowserRunSchema)
    .mutation(async ({ ctx, input }) => {
      const run = await findReportableRun(ctx.db, ctx.projectId, input.runId, ctx.userId);
      return finishBrowserRun(ctx.db, run, input);
    }),
});
