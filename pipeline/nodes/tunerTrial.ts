import type { SplitValue } from "../spec/portValues";
import type { TunerTrialResult, TunerTrialRunner, TunerTrialTask } from "../spec/tunerTrials";
import { evaluateModel } from "./evaluate";
import { fitModelArtifact } from "./modelNode";
import { modelNodeByKind } from "./modelNodes";

/**
 * Trains one tuner trial on the split's train part and scores it on the validation
 * part. The same function runs in the tuner's own process and on the worker that
 * picked up the trial, so a trial's score does not depend on where it ran.
 */
export async function runTunerTrial(task: TunerTrialTask, split: SplitValue, signal: AbortSignal): Promise<TunerTrialResult> {
  const node = modelNodeByKind(task.model);
  if (node === undefined) throw new Error(`Unknown model kind "${task.model}" in a tuner trial`);
  const params = node.params.safeParse({ ...task.params, seed: task.seed });
  if (!params.success)
    throw new Error(`Invalid ${node.title} params in a tuner trial: ${params.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const { artifact } = await fitModelArtifact(node.modelSpec, params.data, split, { seed: task.seed, signal });
  const score = (await evaluateModel(artifact, split.valid, "validation", undefined)).values[task.objective] ?? NaN;
  if (Number.isNaN(score)) throw new Error(`${task.objective} is undefined on this validation split`);
  return { score, model: () => Promise.resolve(artifact) };
}

/** Trains trials here, one after another in request order even when a batch asks for several at once. */
export function inProcessTrialRunner(): TunerTrialRunner {
  let previous: Promise<unknown> = Promise.resolve();
  return {
    run({ task, split }, signal) {
      const result = previous.then(() => runTunerTrial(task, split, signal));
      previous = result.catch(() => undefined);
      return result;
    },
  };
}
