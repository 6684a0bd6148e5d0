import { warmModels } from "@/pipeline/model/modelLoaders";
import { predictWithModel } from "@/pipeline/model/modelPrediction";
import type { ModelArtifact } from "@/pipeline/spec/portValues";
import type { ParsedInstances } from "./instances";

export interface Prediction {
  key?: unknown;
  label: string | number | null;
  probabilities?: Record<string, number>;
}

// Deployed models stay loaded between requests (keyed by the cached artifact's model JSON).
const deployedModels = warmModels();

/** Runs the model on parsed instances and shapes one prediction per instance, in order, echoing keys. */
export async function predictInstances(model: ModelArtifact, instances: ParsedInstances): Promise<Prediction[]> {
  const output = await predictWithModel(model, instances.table, false, deployedModels);
  // Preprocessing may drop rows it cannot score; those answer label null rather than shifting the others.
  const predictions: Prediction[] = instances.keys.map((key) => ({ ...(key === undefined ? {} : { key }), label: null }));
  output.rowIndices.forEach((row, i) => {
    const target = predictions[row]!;
    if (model.task === "regression") {
      target.label = output.scores[i]!;
      return;
    }
    const probabilities: Record<string, number> = {};
    let best = 0;
    model.classes.forEach((label, k) => {
      probabilities[label] = output.scores[i * output.width + k]!;
      if (output.scores[i * output.width + k]! > output.scores[i * output.width + best]!) best = k;
    });
    target.label = model.classes[best]!;
    target.probabilities = probabilities;
  });
  return predictions;
}
