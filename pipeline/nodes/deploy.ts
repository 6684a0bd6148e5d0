import { z } from "zod";
import type { NodeIssue } from "../spec/diagnostics";
import type { PromotionRule } from "../spec/modelRegistry";
import { defineNode, type InferResult } from "../spec/nodeDefinition";
import type { ModelTask } from "../spec/portTypes";
import type { MetricsValue } from "../spec/portValues";
import { aliasNameSchema, registeredModelNameSchema } from "../spec/registryNames";
import { ALL_EVALUATE_METRICS, EVALUATE_METRICS, METRIC_LABELS, metricTask } from "./evaluateMetrics";
import { modelInput } from "./inputs";

const deployParams = z.object({
  modelName: registeredModelNameSchema.describe("The registered model this run adds a version to (created on the first run), e.g. churn"),
  alias: aliasNameSchema.default("champion").describe("The alias to move to the new version when the rule allows; endpoints serving this alias follow it"),
  rule: z
    .enum(["metric-at-least", "always"])
    .default("metric-at-least")
    .meta({ enumLabels: { "metric-at-least": "When the metric is at least the holder's", always: "Always" } })
    .describe("Always moves the alias to this run's model; otherwise it moves only when this run's metric is at least as good as the alias holder's"),
  metric: z
    .enum(ALL_EVALUATE_METRICS)
    .optional()
    .meta({ enumLabels: METRIC_LABELS })
    .describe(
      "Compared on the metrics wired in from an Evaluate node (default: accuracy, or RMSE for regression). For errors and losses lower is better, so at least as good means ≤",
    ),
});

type DeployParams = z.output<typeof deployParams>;

function metricFor(params: DeployParams, task: ModelTask): string {
  return params.metric ?? (task === "regression" ? "rmse" : "accuracy");
}

function ruleFor(params: DeployParams, task: ModelTask): PromotionRule {
  return params.rule === "always" ? { kind: "always" } : { kind: "metric-at-least", metric: metricFor(params, task) };
}

/**
 * Registers the trained model as the next version of a named model and, when the rule allows, moves
 * an alias to it, so a scheduled retraining pipeline ships itself. It writes the project's registry
 * through the host's port, so it runs only on a server worker and never as a cache hit.
 */
export const deployNode = defineNode({
  kind: "deploy",
  version: 1,
  title: "Deploy",
  description:
    "Registers the model as a new version of a named model and moves an alias (e.g. champion) to it: always, or only when its test metric is at least the current holder's. Runs on a server worker.",
  stage: "Deploy",
  sideEffect: { reason: "Deploy registers models on the server" },
  inputs: [
    { name: "model", type: "Model" },
    {
      name: "metrics",
      type: "Metrics",
      optional: true,
      description: "The Evaluate node's metrics on the test split: recorded on the version and compared by the rule",
    },
  ],
  outputs: [],
  params: deployParams,
  inferSchema(params, context): InferResult {
    const issues: NodeIssue[] = [];
    if (params.rule === "metric-at-least" && context.inputs["metrics"] === undefined) {
      issues.push({
        port: "metrics",
        code: "missing-input",
        message: `The rule metric-at-least compares this run's metrics with the ${params.alias} holder's: connect an Evaluate node's metrics here, or set the rule to always`,
      });
    }
    const model = context.inputs["model"];
    const task = params.metric === undefined ? undefined : metricTask(params.metric);
    if (params.rule === "metric-at-least" && model?.type === "Model" && task !== undefined && task !== model.model.task) {
      issues.push({
        param: "metric",
        code: "invalid-param",
        message: `${params.metric} is a ${task} metric, but this model does ${model.model.task}: choose one of ${EVALUATE_METRICS[model.model.task].join(", ")}`,
      });
    }
    return issues.length > 0 ? { issues } : { outputs: {} };
  },
  async run({ params, inputs, inputArtifacts, modelRegistry, reportMetric, log }) {
    const model = modelInput(inputs, "model");
    if (modelRegistry === undefined) {
      throw new Error("Deploy registers models in the project's model registry, which only a server worker can do: run this pipeline on a server worker.");
    }
    const metricsValue = inputs["metrics"];
    const metrics: MetricsValue | undefined = metricsValue !== undefined && "values" in metricsValue ? metricsValue : undefined;
    const rule = ruleFor(params, model.task);
    if (rule.kind === "metric-at-least") {
      if (metrics === undefined) throw new Error("The rule metric-at-least needs the Evaluate node's metrics wired into this node");
      const value = metrics.values[rule.metric];
      if (value === undefined || !Number.isFinite(value)) {
        throw new Error(`The metrics input has no ${rule.metric} (it has ${Object.keys(metrics.values).join(", ")}): choose one of those as the Metric`);
      }
      // The rule is meant for held-out data; a score on the training part flatters every new model.
      if (metrics.partition !== "test") log(`The metrics compared are on the ${metrics.partition} split, not the test split`, "warn");
    }
    const source = inputArtifacts["model"];
    if (source === undefined) throw new Error("The model input has no stored artifact to register");
    const outcome = await modelRegistry.register({
      modelName: params.modelName,
      alias: params.alias,
      rule,
      model: source,
      ...(metrics === undefined ? {} : { metrics: metrics.values }),
    });
    log(outcome.message);
    reportMetric("version", outcome.version);
    return {};
  },
});
