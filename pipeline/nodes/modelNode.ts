import { z } from "zod";
import type { TableSchema } from "../ml/table/table";
import { columnListParam, columnParam } from "../spec/columnParams";
import type { NodeIssue } from "../spec/diagnostics";
import { defineNode, type InferResult, type NodeDefinition } from "../spec/nodeDefinition";
import type { ModelTask } from "../spec/portTypes";
import type { ModelArtifact } from "../spec/portValues";
import { splitInput, tableSchemaInput } from "./inputs";
import { applyPreprocessing, fitPreprocessing } from "./modelPreprocessing";
import { loadTrainer } from "./modelTrainers";

/** Params every model node has, before its own hyperparameters. */
export const commonModelParams = {
  target: columnParam("Column to predict"),
  features: columnListParam("Feature columns; empty means every non-text column except the target").optional(),
  task: z
    .enum(["auto", "classification", "regression"])
    .default("auto")
    .describe("auto: classification for category, boolean and small-integer targets, else regression"),
  seed: z.number().int().default(0).describe("Seed for weight initialisation, shuffling and sampling"),
};

const COMMON_KEYS = new Set(Object.keys(commonModelParams));

const commonModelParamsSchema = z.object(commonModelParams);
/** The common params are typed; hyperparameters are validated by the model's own schema and passed through. */
export type ModelNodeParams = z.output<typeof commonModelParamsSchema> & Record<string, unknown>;

interface ModelNodeSpec {
  kind: string;
  title: string;
  description: string;
  modelKind: string;
  hyperparameters: z.ZodRawShape;
  /** Gradient-trained models want standardised inputs; trees do not care. */
  standardize: boolean;
  /** Hyperparameter naming the number of epochs / rounds, for progress bars. */
  epochsParam?: string;
}

/** The task the compiler assumes when `auto`; integer targets are guessed to be class labels. */
function guessTask(type: TableSchema["columns"][number]["type"]): ModelTask {
  return type === "number" || type === "date" ? "regression" : "classification";
}

/**
 * A Model-stage node: fits preprocessing and a model on the train split (the
 * validation part, when there is one, drives early stopping) and outputs a Model
 * artifact that predicts from raw rows.
 */
export function defineModelNode(spec: ModelNodeSpec): NodeDefinition<ModelNodeParams> {
  // The object's output is exactly the common params plus the hyperparameters; TypeScript cannot see that through the spread.
  const params = z.object({ ...commonModelParams, ...spec.hyperparameters }) as unknown as z.ZodType<ModelNodeParams>;
  return defineNode({
    kind: spec.kind,
    version: 1,
    title: spec.title,
    description: spec.description,
    stage: "Model",
    inputs: [{ name: "data", type: "Split", description: "Trains on train, early-stops on validation" }],
    outputs: [{ name: "model", type: "Model" }],
    params,
    inferSchema(p, context): InferResult {
      const table = tableSchemaInput(context.inputs, "data");
      const issues: NodeIssue[] = [];
      const targetColumn = table.columns.find((column) => column.name === p.target)!;
      const featureNames = p.features ?? table.columns.filter((c) => c.type !== "text" && c.name !== p.target).map((c) => c.name);
      const task: ModelTask = p.task === "auto" ? guessTask(targetColumn.type) : p.task;
      if (task === "regression" && (targetColumn.type === "category" || targetColumn.type === "text")) {
        issues.push({
          param: "target",
          code: "invalid-column-type",
          message: `Regression needs a numeric target; "${p.target}" is ${targetColumn.type}`,
        });
      }
      if (featureNames.length === 0) {
        issues.push({ param: "features", code: "invalid-param", message: "There are no feature columns besides the target" });
      }
      featureNames.forEach((name, index) => {
        const column = table.columns.find((c) => c.name === name)!;
        if (name === p.target) {
          issues.push({ param: `features.${index}`, code: "invalid-param", message: `"${name}" is the target; it cannot also be a feature` });
        } else if (column.type === "text") {
          issues.push({
            param: `features.${index}`,
            code: "invalid-column-type",
            message: `"${name}" is free text; use a text model or cast it to category`,
          });
        }
      });
      if (issues.length > 0) return { issues };
      return {
        outputs: {
          model: {
            type: "Model",
            model: {
              modelKind: spec.modelKind,
              task,
              target: p.target,
              features: featureNames.map((name) => table.columns.find((c) => c.name === name)!),
              targetType: targetColumn.type,
            },
          },
        },
      };
    },
    async run({ params: p, inputs, signal, reportEpoch, reportMetric, log }) {
      const split = splitInput(inputs, "data");
      const hyperparameters = Object.fromEntries(Object.entries(p).filter(([key]) => !COMMON_KEYS.has(key)));
      const { state, features } = fitPreprocessing(split.train, {
        target: p.target,
        ...(p.features === undefined ? {} : { features: p.features }),
        ...(p.task === "auto" ? {} : { task: p.task }),
        standardize: spec.standardize,
      });
      if (features.y === undefined || features.X.rows === 0) {
        throw new Error(`The train split has no rows with a value in "${p.target}"`);
      }
      const target = state.featurizer.target!;
      const classes = target.task === "classification" ? target.classes : [];
      if (target.task === "classification" && classes.length < 2) {
        throw new Error(`Target "${p.target}" has ${classes.length} class in the train split; a classifier needs at least 2`);
      }
      const validation = split.valid.rowCount > 0 ? applyPreprocessing(state, split.valid) : undefined;
      const epochs = spec.epochsParam === undefined ? undefined : hyperparameters[spec.epochsParam];
      const trainer = await loadTrainer(spec.modelKind);
      const started = performance.now();
      const model = await trainer.fit(
        features.X,
        features.y,
        target.task === "classification" ? { kind: "classification", classes: classes.length } : { kind: "regression" },
        hyperparameters,
        {
          seed: p.seed,
          signal,
          onEpoch: (report) =>
            reportEpoch({
              epoch: report.epoch,
              ...(typeof epochs === "number" ? { epochs } : {}),
              loss: report.loss,
              metrics: {
                ...(report.valLoss === undefined ? {} : { valLoss: report.valLoss }),
                ...(report.metric === undefined ? {} : { validation: report.metric }),
              },
            }),
          ...(validation?.y === undefined ? {} : { validation: { X: validation.X, y: validation.y } }),
        },
      );
      const trainMs = performance.now() - started;
      const json = model.toJSON();
      model.dispose();
      reportMetric("trainMs", trainMs);
      log(`Trained ${spec.title} on ${features.X.rows} rows × ${features.X.cols} features in ${Math.round(trainMs)} ms`);
      const artifact: ModelArtifact = {
        modelKind: spec.modelKind,
        task: target.task,
        target: p.target,
        features: state.featurizer.features.map((feature) => {
          const column = split.train.columns.find((c) => c.name === feature.column)!;
          return { name: column.name, type: column.type };
        }),
        classes,
        preprocessing: state,
        model: json,
        trainRows: features.X.rows,
        trainMs,
      };
      return { model: artifact };
    },
  });
}
