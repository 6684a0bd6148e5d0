import type { BlobStore } from "../artifacts/blobStore";
import type { Db } from "../db";
import { isUniqueViolation } from "../db/uniqueViolation";
import { DomainError } from "../errors/domainError";
import type { RunQueue } from "../queue/runQueue";
import { runEvaluations } from "../runs/runEvaluations";
import { startRun } from "../runs/startRun";
import { commitLabels, currentLabels, pendingLabelCount, type CommitOutcome } from "./labelledDataset";
import { queueNotFound } from "./queueNotFound";

export interface RetrainOutcome {
  commit: CommitOutcome | null;
  runId: string;
  round: number;
  labelCount: number;
}

/**
 * "Retrain and sample again": commits labels not yet in the labelled dataset, then runs the queue's pipeline on a
 * server worker. Its Load node naming the labelled dataset is pinned to the newest version when the run starts,
 * so it trains on every label so far, and its Uncertainty sampler queues the next round. The round is recorded
 * with the label count; its accuracy is read from the run's evaluation (learningRounds).
 */
export async function retrain(
  db: Db,
  blobs: BlobStore,
  runs: Pick<RunQueue, "admit">,
  input: { projectId: string; queueId: string; userId: string },
): Promise<RetrainOutcome> {
  const queue = await db.labelingQueue.findFirst({ where: { id: input.queueId, projectId: input.projectId } });
  if (queue === null) throw queueNotFound();
  if (queue.pipelineId === null) {
    throw new DomainError("invalid", "The pipeline that filled this queue was deleted. Run a pipeline with an Uncertainty sampler for this queue first.");
  }
  const commit = (await pendingLabelCount(db, queue.id)) > 0 ? await commitLabels(db, blobs, input) : null;
  const labelCount = (await currentLabels(db, queue.id)).length;
  if (labelCount === 0) throw new DomainError("invalid", "Nothing is labelled yet: label some rows before retraining.");
  const run = await startRun(db, runs, { projectId: input.projectId, pipelineId: queue.pipelineId, target: "server", userId: input.userId });
  for (let attempt = 0; ; attempt++) {
    const last = await db.learningRound.aggregate({ where: { queueId: queue.id }, _max: { number: true } });
    try {
      const round = await db.learningRound.create({ data: { queueId: queue.id, number: (last._max.number ?? 0) + 1, labelCount, runId: run.runId } });
      return { commit, runId: run.runId, round: round.number, labelCount };
    } catch (error) {
      // Two editors retraining at once: the other took this number.
      if (attempt >= 2 || !isUniqueViolation(error)) throw error;
    }
  }
}

export interface LearningRoundView {
  number: number;
  labelCount: number;
  runId: string | null;
  /** The run's state, null once the run was deleted. */
  runStatus: string | null;
  /** Test accuracy from the run's Evaluate node; null until it finishes (or when it has none). */
  accuracy: number | null;
  createdAt: Date;
}

/**
 * The queue's rounds oldest first: the learning curve. Accuracy is read from each run's succeeded Evaluate step
 * when asked (and kept on the round once known), so no run-finish hook is needed and a run that is still going
 * simply has none yet.
 */
export async function learningRounds(db: Db, queueId: string): Promise<LearningRoundView[]> {
  const rounds = await db.learningRound.findMany({ where: { queueId }, orderBy: { number: "asc" } });
  const runs = await db.run.findMany({
    where: { id: { in: rounds.flatMap((r) => (r.runId === null ? [] : [r.runId])) } },
    select: { id: true, status: true, pipelineVersionId: true },
  });
  // Only rounds without a saved accuracy need their run's evaluation read (the page polls this).
  const unscored = new Set(rounds.flatMap((r) => (r.accuracy === null && r.runId !== null ? [r.runId] : [])));
  const evaluations = await runEvaluations(
    db,
    runs.filter((r) => r.status === "succeeded" && unscored.has(r.id)),
  );
  const runById = new Map(runs.map((r) => [r.id, r]));
  return Promise.all(
    rounds.map(async (round) => {
      const run = round.runId === null ? undefined : runById.get(round.runId);
      let accuracy = round.accuracy;
      if (accuracy === null && run !== undefined) {
        accuracy = evaluations.get(run.id)?.find((e) => e.metrics["accuracy"] !== undefined)?.metrics["accuracy"] ?? null;
        if (accuracy !== null) await db.learningRound.update({ where: { id: round.id }, data: { accuracy } });
      }
      return { number: round.number, labelCount: round.labelCount, runId: round.runId, runStatus: run?.status ?? null, accuracy, createdAt: round.createdAt };
    }),
  );
}
