import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MemoryArtifactCache, type ArtifactCache } from "../runtime/artifactCache";
import { runSpec, type RunResult } from "../runtime/runSpec";
import { loadSpec } from "../spec/jsonSchema";
import type { MetricsValue, ModelArtifact } from "../spec/portValues";
import { fileDatasets } from "./fileDatasets";
import { configureNodeModelThreads } from "./nodeModelThreads";
import { configureNodeTensorFlow } from "./nodeTensorflow";

export const EXAMPLES_DIRECTORY = fileURLToPath(new URL("../../examples/", import.meta.url));

/**
 * The shipped examples, the test-split accuracy each must reach, and the scikit-learn
 * figure (README, "Benchmarks": 5-fold CV; for fine_foods TF-IDF + logistic regression on its
 * own test file). fine_foods trains for ~20 s, so only the benchmark runs it.
 */
export const EXAMPLES = [
  { name: "iris", bar: 0.93, reference: 0.96, inTests: true },
  { name: "breast_cancer", bar: 0.96, reference: 0.979, inTests: true },
  { name: "digits", bar: 0.96, reference: 0.976, inTests: true },
  { name: "penguins", bar: 0.97, reference: 0.991, inTests: true },
  { name: "credit_data", bar: 0.78, reference: 0.797, inTests: true },
  { name: "fine_foods", bar: 0.76, reference: 0.791, inTests: false },
] as const;

export interface ModelScore {
  evaluateNode: string;
  modelNode: string;
  modelKind: string;
  accuracy: number;
  trainMs: number;
}

export interface ExampleRun {
  result: RunResult;
  scores: ModelScore[];
  durationMs: number;
}

/** Runs `examples/<name>.json` and pairs each Evaluate node's accuracy with the model it scored. */
export async function runExample(name: string, cache: ArtifactCache = new MemoryArtifactCache()): Promise<ExampleRun> {
  const loaded = loadSpec(JSON.parse(await readFile(join(EXAMPLES_DIRECTORY, `${name}.json`), "utf8")));
  if (!loaded.ok) throw new Error(`examples/${name}.json: ${loaded.diagnostics.map((d) => d.message).join("; ")}`);
  configureNodeTensorFlow();
  configureNodeModelThreads();
  const started = performance.now();
  const result = await runSpec(loaded.spec, { datasets: fileDatasets(EXAMPLES_DIRECTORY), cache });
  const durationMs = performance.now() - started;
  if (result.status !== "succeeded") {
    throw new Error(`examples/${name}.json ${result.status}: ${result.error?.nodeId ?? ""} ${result.error?.message ?? ""}`);
  }
  const scores: ModelScore[] = [];
  for (const node of loaded.spec.nodes) {
    if (node.kind !== "evaluate") continue;
    const modelNode = node.inputs["model"]!.node;
    const metrics = result.artifacts[node.id]!["metrics"]!.value as MetricsValue;
    const model = result.artifacts[modelNode]!["model"]!.value as ModelArtifact;
    scores.push({
      evaluateNode: node.id,
      modelNode,
      modelKind: model.modelKind,
      accuracy: metrics.values["accuracy"]!,
      trainMs: result.steps.find((step) => step.nodeId === modelNode)!.durationMs,
    });
  }
  return { result, scores, durationMs };
}
