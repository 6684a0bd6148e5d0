import type { FittedModel, Matrix, SerializedModel, Targets, Task, TrainOptions } from "../ml/models/types";

/**
 * How the model nodes reach each model family. Loaded lazily so the catalog (used
 * by the canvas for compiling) never pulls TensorFlow.js into the UI thread.
 */
export interface ModelTrainer {
  fit(X: Matrix, y: Targets, task: Task, params: unknown, options: TrainOptions): Promise<FittedModel>;
  fromJSON(json: SerializedModel): FittedModel | Promise<FittedModel>;
}

const loaders: Record<string, () => Promise<ModelTrainer>> = {
  gradient_boosting: async () => {
    const [{ fitGradientBoosting }, { GradientBoostedTreesModel }, { gradientBoostingParamsSchema }] = await Promise.all([
      import("../ml/models/gbt/train"),
      import("../ml/models/gbt/model"),
      import("../ml/models/gbt/params"),
    ]);
    return {
      fit: (X, y, task, params, options) => fitGradientBoosting(X, y, task, gradientBoostingParamsSchema.parse(params), options),
      fromJSON: (json) => GradientBoostedTreesModel.fromJSON(json),
    };
  },
  random_forest: async () => {
    const [{ fitRandomForest }, { RandomForestModel }, { randomForestParamsSchema }] = await Promise.all([
      import("../ml/models/forest/train"),
      import("../ml/models/forest/model"),
      import("../ml/models/forest/params"),
    ]);
    return {
      fit: (X, y, task, params, options) => fitRandomForest(X, y, task, randomForestParamsSchema.parse(params), options),
      fromJSON: (json) => RandomForestModel.fromJSON(json),
    };
  },
};

export const MODEL_KINDS = Object.keys(loaders);

export async function loadTrainer(modelKind: string): Promise<ModelTrainer> {
  const load = loaders[modelKind];
  if (load === undefined) throw new Error(`No trainer for model kind "${modelKind}"`);
  return load();
}
