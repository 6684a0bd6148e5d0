import { z } from "zod";
import type { ModelArtifact, SplitValue } from "./portValues";

/** One tuner trial, self-contained so any worker can run it: which model, its full params, and the metric to score. */
export const tunerTrialTaskSchema = z.object({
  /** The wrapped model node's kind, e.g. "gradient-boosting". */
  model: z.string().min(1),
  /** The model node's params for this trial: common ones (target, seed, features) plus hyperparameters. */
  params: z.record(z.string(), z.unknown()),
  /** Validation metric the trial is scored by. */
  objective: z.string().min(1),
  seed: z.number().int(),
});
export type TunerTrialTask = z.infer<typeof tunerTrialTaskSchema>;

export interface TunerTrialResult {
  score: number;
  /** The trained model; loaded only when asked, since only the best trial's model is kept. */
  model(): Promise<ModelArtifact>;
}

export interface TunerTrialRequest {
  /** The tuner node, and the trial's position in its proposal order. */
  nodeId: string;
  index: number;
  task: TunerTrialTask;
  split: SplitValue;
}

/**
 * Where a tuner's trials run. Without one, the tuner trains every trial itself, one
 * after another; a server runtime hands in a runner that spreads each batch of trials
 * over all of its workers.
 */
export interface TunerTrialRunner {
  run(request: TunerTrialRequest, signal: AbortSignal): Promise<TunerTrialResult>;
}
