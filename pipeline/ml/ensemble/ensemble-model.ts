import { z } from "zod";
import { outputWidth, serializeModel, type FittedModel, type Matrix, type SerializedModel, type Task } from "../models/types";

export const ENSEMBLE_KIND = "ensemble";

export type CombineRule = "soft" | "hard";

const ensembleStateSchema = z.object({
  members: z.array(z.custom<SerializedModel>((v) => typeof v === "object" && v !== null && "kind" in v)),
  /** Stacking's meta-learner, reading the members' concatenated outputs. */
  meta: z.custom<SerializedModel>((v) => typeof v === "object" && v !== null && "kind" in v).optional(),
});
const ensembleParamsSchema = z.object({
  method: z.enum(["voting", "stacking", "bagging"]),
  combine: z.enum(["soft", "hard"]),
  weights: z.array(z.number().min(0)),
});
export type EnsembleParams = z.infer<typeof ensembleParamsSchema>;

/** Rebuilds one member from its JSON (the caller knows every model family). */
export type LoadModel = (json: SerializedModel) => FittedModel | Promise<FittedModel>;

/**
 * Several fitted models behaving as one. Voting and bagging average the members'
 * outputs with weights: soft averages probabilities (or regression values), hard
 * averages one-hot votes for each member's top class. Stacking feeds the members'
 * outputs, side by side, to a meta-learner.
 */
export class EnsembleModel implements FittedModel {
  readonly kind = ENSEMBLE_KIND;
  readonly task: Task;
  readonly inputs: number;

  constructor(
    readonly params: EnsembleParams,
    readonly members: readonly FittedModel[],
    readonly meta?: FittedModel,
  ) {
    const first = members[0];
    if (!first) throw new Error("An ensemble needs at least one model");
    checkCompatible(members);
    if (params.weights.length !== members.length) throw new Error(`${params.weights.length} weights for ${members.length} models`);
    if (params.weights.reduce((a, b) => a + b, 0) <= 0) throw new Error("Ensemble weights must not all be 0");
    if (params.method === "stacking" && !meta) throw new Error("A stacking ensemble needs a meta-learner");
    this.task = first.task;
    this.inputs = first.inputs;
  }

  async predict(X: Matrix): Promise<Float32Array> {
    const outputs = await Promise.all(this.members.map((m) => m.predict(X)));
    if (this.meta) return this.meta.predict(stackOutputs(outputs, X.rows));
    return combineOutputs(outputs, X.rows, outputWidth(this.task), this.params.combine, this.params.weights);
  }

  toJSON(): SerializedModel {
    return serializeModel(this, { members: this.members.map((m) => m.toJSON()), ...(this.meta ? { meta: this.meta.toJSON() } : {}) });
  }

  dispose(): void {
    this.members.forEach((m) => m.dispose());
    this.meta?.dispose();
  }

  static async fromJSON(json: SerializedModel, load: LoadModel): Promise<EnsembleModel> {
    if (json.kind !== ENSEMBLE_KIND) throw new Error(`Not an ensemble: kind "${json.kind}"`);
    const params = ensembleParamsSchema.parse(json.params);
    const state = ensembleStateSchema.parse(json.state);
    const members = await Promise.all(state.members.map((m) => load(m)));
    return new EnsembleModel(params, members, state.meta === undefined ? undefined : await load(state.meta));
  }
}

/**
 * Weighted average of members' outputs (rows × width each): soft averages them as they
 * are (probabilities or regression values), hard averages one-hot votes for each
 * member's top class, so a row's outputs are the weighted share of votes per class.
 */
export function combineOutputs(outputs: readonly Float32Array[], rows: number, width: number, combine: CombineRule, weights: readonly number[]): Float32Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = new Float32Array(rows * width);
  outputs.forEach((output, i) => {
    const w = weights[i]! / total;
    if (combine === "soft" || width === 1) {
      for (let j = 0; j < out.length; j++) out[j]! += w * output[j]!;
    } else {
      for (let r = 0; r < rows; r++) {
        let best = 0;
        for (let k = 1; k < width; k++) if (output[r * width + k]! > output[r * width + best]!) best = k;
        out[r * width + best]! += w;
      }
    }
  });
  return out;
}

/** Members' outputs side by side: the meta-learner's input matrix. */
export function stackOutputs(outputs: readonly Float32Array[], rows: number): Matrix {
  const widths = outputs.map((o) => o.length / rows);
  const cols = widths.reduce((a, b) => a + b, 0);
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    let offset = 0;
    outputs.forEach((o, i) => {
      data.set(o.subarray(r * widths[i]!, (r + 1) * widths[i]!), r * cols + offset);
      offset += widths[i]!;
    });
  }
  return { data, rows, cols };
}

function checkCompatible(members: readonly FittedModel[]): void {
  const first = members[0]!;
  for (const m of members) {
    if (m.task.kind !== first.task.kind) throw new Error(`Cannot ensemble a ${first.task.kind} model with a ${m.task.kind} model`);
    if (m.task.kind === "classification" && first.task.kind === "classification" && m.task.classes !== first.task.classes) {
      throw new Error(`Models predict different label sets: ${first.task.classes} classes vs ${m.task.classes}`);
    }
    if (m.inputs !== first.inputs) throw new Error(`Models read different inputs: ${first.inputs} vs ${m.inputs} feature columns`);
  }
}

/** Class label lists of the models to combine must be identical, in the same order. */
export function checkSameLabelSets(labelSets: readonly (readonly string[])[]): void {
  const first = labelSets[0];
  if (!first) return;
  labelSets.forEach((labels, i) => {
    if (labels.length !== first.length || labels.some((l, k) => l !== first[k])) {
      throw new Error(`Models predict different label sets: model 1 has [${first.join(", ")}], model ${i + 1} has [${labels.join(", ")}]`);
    }
  });
}
