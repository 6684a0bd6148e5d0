import { z } from "zod";
import { checkMatrix } from "../check-training-data";
import { addTreePredictions, deserializeTree, serializeTree, serializedTreeSchema, type Tree } from "../trees/tree";
import { outputWidth, serializeModel, type FittedModel, type Matrix, type SerializedModel, type Task } from "../types";
import { randomForestParamsSchema, type RandomForestParams } from "./params";

export const RANDOM_FOREST_KIND = "random_forest";

const stateSchema = z.object({ trees: z.array(serializedTreeSchema).min(1) });

/** Averages its trees: class proportions for classification, leaf means for regression. */
export class RandomForestModel implements FittedModel {
  readonly kind = RANDOM_FOREST_KIND;

  constructor(
    readonly task: Task,
    readonly inputs: number,
    readonly params: RandomForestParams,
    readonly trees: Tree[],
  ) {}

  async predict(X: Matrix): Promise<Float32Array> {
    checkMatrix(X, true, this.inputs);
    const width = outputWidth(this.task);
    const sums = new Float64Array(X.rows * width);
    for (const tree of this.trees) addTreePredictions(tree, X, sums, width, 0, 1 / this.trees.length);
    return Float32Array.from(sums);
  }

  toJSON(): SerializedModel {
    return serializeModel(this, { trees: this.trees.map(serializeTree) });
  }

  dispose(): void {}

  static fromJSON(json: SerializedModel): RandomForestModel {
    const state = stateSchema.parse(json.state);
    const trees = state.trees.map((t) => deserializeTree(t, json.inputs));
    if (trees.some((t) => t.outputs !== outputWidth(json.task))) throw new Error("Corrupt random forest: tree outputs do not match the task");
    return new RandomForestModel(json.task, json.inputs, randomForestParamsSchema.parse(json.params), trees);
  }
}
