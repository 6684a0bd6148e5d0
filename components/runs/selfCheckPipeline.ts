import { z } from "zod";
import irisExample from "@/examples/iris.json";
import type { RunEvent } from "@/pipeline/runtime/events";
import type { SerializedRunResult } from "@/pipeline/runtime/serializedRunResult";
import { pipelineSpecSchema, type PipelineSpec } from "@/pipeline/spec/spec";

/**
 * The iris example with its logistic regression swapped for a small neural network beside the gradient-boosted
 * trees: small, known to reach ≥ 0.9 accuracy, and it trains on TensorFlow.js, which is what the check is
 * for (linear models fit exactly without it).
 */
export const selfCheckSpec = withNeuralNetwork(pipelineSpecSchema.parse(irisExample));

function withNeuralNetwork(spec: PipelineSpec): PipelineSpec {
  const linear = spec.nodes.find((node) => node.kind === "logistic-regression");
  if (!linear) throw new Error("The iris example has no logistic regression to swap");
  const renamed = (id: string) => (id === linear.id ? "mlp" : id === `evaluate-${linear.id}` ? "evaluate-mlp" : id);
  return {
    ...spec,
    nodes: spec.nodes.map((node) => ({
      ...(node === linear ? { ...node, kind: "mlp", version: 1, params: { target: linear.params["target"], epochs: 150, earlyStopping: false } } : node),
      id: renamed(node.id),
      inputs: Object.fromEntries(Object.entries(node.inputs).map(([port, input]) => [port, { ...input, node: renamed(input.node) }])),
    })),
  };
}

const metricsSchema = z.object({ values: z.record(z.string(), z.number()) });

export interface ModelAccuracy {
  modelNodeId: string;
  modelKind: string;
  accuracy: number;
}

/** Test-set accuracy of every model the spec evaluates, read from the evaluate nodes' Metrics artifacts. */
export function modelAccuracies(result: SerializedRunResult): ModelAccuracy[] {
  return selfCheckSpec.nodes.flatMap((node) => {
    const model = node.inputs["model"];
    if (node.kind !== "evaluate" || model === undefined) return [];
    const metrics = metricsSchema.safeParse(result.artifacts[node.id]?.["metrics"]?.value);
    const accuracy = metrics.success ? metrics.data.values["accuracy"] : undefined;
    const modelKind = selfCheckSpec.nodes.find((n) => n.id === model.node)?.kind ?? model.node;
    return accuracy === undefined ? [] : [{ modelNodeId: model.node, modelKind, accuracy }];
  });
}

/** One line saying where a run is, from its events so far. */
export function progressLine(events: RunEvent[]): string {
  const finished = events.filter((e) => e.type === "node-finished").length;
  const last = events.at(-1);
  const nodes = `${finished} of ${selfCheckSpec.nodes.length} steps done`;
  if (last?.type === "epoch")
    return `${nodes} · ${last.nodeId}: epoch ${last.epoch}${last.epochs ? ` of ${last.epochs}` : ""}${last.loss === undefined ? "" : `, loss ${last.loss.toFixed(4)}`}`;
  if (last?.type === "node-started") return `${nodes} · running ${last.nodeId}`;
  return nodes;
}
