import { z } from "zod";
import { checkMatrix } from "../check-training-data";
import { addTreePredictions, deserializeTree, serializeTree, serializedTreeSchema, type Tree } from "../trees/tree";
import { serializeModel, type FittedModel, type Matrix, type SerializedModel, type Task } from "../types";
import { lossForTask } from "./losses";
import { gradientBoostingParamsSchema, type GradientBoostingParams } from "./params";

export const GRADIENT_BOOSTING_KIND = "gradient_boosting";

const stateSchema = z.object({
  baseline: z.array(z.number()),
  /** Round-major: tree i adds to raw output i % width. */
  trees: z.array(serializedTreeSchema),
  rounds: z.number().int().min(0),
});

export class GradientBoostedTreesModel implements FittedModel {
  readonly kind = GRADIENT_BOOSTING_KIND;

  constructor(
    readonly task: Task,
    readonly inputs: number,
    readonly params: GradientBoostingParams,
    private readonly baseline: Float64Array,
    private readonly trees: Tree[],
  ) {}

  get rounds(): number {
    return this.trees.length / this.baseline.length;
  }

  async predict(X: Matrix): Promise<Float32Array> {
    checkMatrix(X, true, this.inputs);
    const loss = lossForTask(this.task);
    const width = loss.width;
    const raw = new Float64Array(X.rows * width);
    for (let r = 0; r < X.rows; r++) raw.set(this.baseline, r * width);
    this.trees.forEach((tree, i) => addTreePredictions(tree, X, raw, width, i % width));
    return loss.transform(raw, X.rows);
  }

  toJSON(): SerializedModel {
    return serializeModel(this, { baseline: Array.from(this.baseline), trees: this.trees.map(serializeTree), rounds: this.rounds });
  }

  dispose(): void {}

  static fromJSON(json: SerializedModel): GradientBoostedTreesModel {
    const params = gradientBoostingParamsSchema.parse(json.params);
    const state = stateSchema.parse(json.state);
    const width = lossForTask(json.task).width;
    if (state.baseline.length !== width || state.trees.length !== state.rounds * width) {
      throw new Error("Corrupt gradient boosting model: tree count does not match rounds × outputs");
    }
    const trees = state.trees.map((t) => deserializeTree(t, json.inputs));
    return new GradientBoostedTreesModel(json.task, json.inputs, params, Float64Array.from(state.baseline), trees);
  }
}
