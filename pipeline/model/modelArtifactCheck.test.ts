import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { MODEL_KIND_NAMES } from "../ml/models/registry";
import { decodeInt32, encodeTypedArray } from "../ml/models/typed-array-codec";
import { MODEL_CHECKS } from "../ml/models/validate-model";
import { decodeArtifactValue, encodeArtifactValue, type JsonValue } from "../runtime/artifactCodec";
import { inMemoryDatasets } from "../runtime/datasets";
import { runSpec } from "../runtime/runSpec";
import { compileGraph } from "../compiler/compile";
import { catalog } from "../nodes/catalog";
import type { Graph } from "../spec/graph";
import type { ModelArtifact } from "../spec/portValues";
import { checkModelArtifact, InvalidModelError } from "./modelArtifactCheck";

const iris = readFileSync(new URL("../../public/datasets/iris.csv", import.meta.url), "utf8");
const penguins = readFileSync(new URL("../../public/datasets/penguins.csv", import.meta.url), "utf8");
const reviews = ["review,label", ...Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? `"great taste ${i}",pos` : `"awful taste ${i}",neg`))].join("\n");

const MODELS: Record<string, { kind: string; params: Record<string, unknown> }> = {
  gbt: { kind: "gradient-boosting", params: { target: "species", maxIterations: 5 } },
  gbtRegression: { kind: "gradient-boosting", params: { target: "petal_width_cm", task: "regression", maxIterations: 5 } },
  forest: { kind: "random-forest", params: { target: "species", nEstimators: 5 } },
  logistic: { kind: "logistic-regression", params: { target: "species" } },
  linear: { kind: "linear-regression", params: { target: "petal_width_cm" } },
  mlp: { kind: "mlp", params: { target: "species", epochs: 3, hiddenLayers: 2, hiddenUnits: 5 } },
  cnn: { kind: "cnn", params: { target: "species", epochs: 2, imageHeight: 2, imageWidth: 2, channels: 1, convLayers: 2, filters: 2, denseUnits: 4 } },
};
const ENSEMBLES: Record<string, { params: Record<string, unknown>; members: string[]; withData: boolean }> = {
  voting: { params: { method: "soft-voting" }, members: ["gbt", "logistic"], withData: false },
  stacking: { params: { method: "stacking" }, members: ["gbt", "forest"], withData: true },
  bagging: { params: { method: "bagging", nEstimators: 2 }, members: ["forest"], withData: true },
};

/** Every model kind and ensemble method, trained for real and passed through the artifact codec as a store would. */
const artifacts: Record<string, ModelArtifact> = {};

beforeAll(async () => {
  const graph: Graph = {
    nodes: [
      { id: "load", kind: "load", params: { dataset: "iris.csv" } },
      { id: "split", kind: "split", params: { train: 0.7, validation: 0, test: 0.3, seed: 1 } },
      ...Object.entries(MODELS).map(([id, model]) => ({ id, ...model })),
      ...Object.entries(ENSEMBLES).map(([id, e]) => ({ id, kind: "ensemble", params: e.params })),
      // Category features (one-hot) and missing values.
      { id: "loadPenguins", kind: "load", params: { dataset: "penguins.csv" } },
      { id: "splitPenguins", kind: "split", params: { seed: 3 } },
      { id: "penguins", kind: "mlp", params: { target: "species", epochs: 2 } },
      { id: "loadText", kind: "load", params: { dataset: "reviews.csv", columnTypes: [{ column: "review", type: "text" }] } },
      { id: "splitText", kind: "split", params: { seed: 2 } },
      { id: "text", kind: "text-classifier", params: { target: "label", textColumn: "review", epochs: 2, minCount: 1 } },
    ],
    edges: [
      { source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
      ...Object.keys(MODELS).map((id) => ({ source: "split", sourceHandle: "split", target: id, targetHandle: "data" })),
      ...Object.entries(ENSEMBLES).flatMap(([id, e]) => [
        ...e.members.map((member, i) => ({ source: member, sourceHandle: "model", target: id, targetHandle: `model${i + 1}` })),
        ...(e.withData ? [{ source: "split", sourceHandle: "split", target: id, targetHandle: "data" }] : []),
      ]),
      { source: "loadPenguins", sourceHandle: "table", target: "splitPenguins", targetHandle: "table" },
      { source: "splitPenguins", sourceHandle: "split", target: "penguins", targetHandle: "data" },
      { source: "loadText", sourceHandle: "table", target: "splitText", targetHandle: "table" },
      { source: "splitText", sourceHandle: "split", target: "text", targetHandle: "data" },
    ],
  };
  const compiled = compileGraph(graph, catalog);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  const result = await runSpec(compiled.spec, { datasets: inMemoryDatasets({ "iris.csv": iris, "penguins.csv": penguins, "reviews.csv": reviews }) });
  if (result.status !== "succeeded") throw new Error(`${result.error?.nodeId}: ${result.error?.message}`);
  for (const id of [...Object.keys(MODELS), ...Object.keys(ENSEMBLES), "penguins", "text"]) {
    const stored = JSON.parse(JSON.stringify(encodeArtifactValue(result.artifacts[id]!["model"]!.value))) as JsonValue;
    artifacts[id] = decodeArtifactValue(stored) as ModelArtifact;
  }
}, 300_000);

/** A deep copy to corrupt. */
const copy = (id: string): ModelArtifact & { model: Record<string, unknown> } =>
  structuredClone(artifacts[id]!) as ModelArtifact & { model: Record<string, unknown> };

function reason(value: unknown): string {
  try {
    checkModelArtifact(value);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidModelError);
    return (error as Error).message;
  }
  throw new Error("the artifact was accepted");
}

type SerializedTree = { feature: string; left: string; right: string };
const firstTree = (artifact: ReturnType<typeof copy>) => (artifact.model["state"] as { trees: SerializedTree[] }).trees[0]!;

describe("model artifact checks", () => {
  it("cover every model kind of the registry", () => {
    expect(Object.keys(MODEL_CHECKS).sort()).toEqual([...MODEL_KIND_NAMES].sort());
  });

  it("accept every kind and ensemble method as trained", () => {
    for (const [id, artifact] of Object.entries(artifacts)) expect(() => checkModelArtifact(artifact), id).not.toThrow();
  });

  it("refuse a tree whose child links loop back, and a feature index beyond the inputs", () => {
    const cyclic = copy("gbt");
    const tree = firstTree(cyclic);
    const left = decodeInt32(tree.left);
    // The root's left child back to the root: predict would loop forever on every row going left.
    left[0] = 0;
    tree.left = encodeTypedArray(left);
    expect(reason(cyclic)).toMatch(/Tree 1 of the gradient boosting model: node 0's left child is node 0, which does not come after it \(a cycle/);

    const outOfRange = copy("forest");
    const features = decodeInt32(firstTree(outOfRange).feature);
    features[0] = 99;
    firstTree(outOfRange).feature = encodeTypedArray(features);
    expect(reason(outOfRange)).toBe("Tree 1 of the random forest: node 0 reads feature 99, but the model has 4 features (0–3)");
  });

  it("refuse models that disagree with their preprocessing or task", () => {
    const inputs = copy("gbt");
    inputs.model["inputs"] = 40;
    expect(reason(inputs)).toMatch(/reads 40 features but its preprocessing produces 4/);

    const classes = copy("logistic");
    classes.classes = ["setosa"];
    expect(reason(classes)).toMatch(/needs at least 2/);

    const column = copy("forest");
    column.features = column.features.slice(1);
    expect(reason(column)).toMatch(/reads column "sepal_length_cm", which is not among the model's features/);

    const typed = copy("gbt");
    typed.features = typed.features.map((f) => (f.name === "petal_width_cm" ? { ...f, type: "category" as const } : f));
    expect(reason(typed)).toMatch(/encodes "petal_width_cm" as a number, but the model's features list it as category/);

    const kind = copy("forest");
    kind.modelKind = "mlp";
    expect(reason(kind)).toMatch(/says it is a mlp model but holds a random_forest model/);
  });

  it("refuse neural weights of the wrong shape or with non-finite values", () => {
    const shape = copy("mlp");
    const weights = (shape.model["state"] as { weights: { shape: number[]; data: string }[] }).weights;
    weights[0]!.shape = [4, 6];
    expect(reason(shape)).toMatch(/weights \(4×6, 5, .*\) do not fit its architecture \(4×5, 5, /);

    const nan = copy("cnn");
    const first = (nan.model["state"] as { weights: { data: string }[] }).weights[0]!;
    const values = new Float32Array(Uint8Array.from(atob(first.data), (c) => c.charCodeAt(0)).buffer);
    values[0] = Number.NaN;
    first.data = encodeTypedArray(values);
    expect(reason(nan)).toMatch(/weight 1 has a value that is not a finite number/);

    const text = copy("text");
    (text.model["state"] as { terms: string[] }).terms.push("extra");
    expect(reason(text)).toMatch(/terms but .* idf weights/);
  });

  it("refuse ensembles with a broken member, mismatched weights or no meta-learner", () => {
    const member = copy("voting");
    const state = member.model as { members: ReturnType<typeof copy>[]; weights: number[]; meta?: unknown };
    state.members[0]!.model["inputs"] = 7;
    expect(reason(member)).toMatch(/^Ensemble member 1: The model reads 7 features/);

    const weights = copy("voting");
    (weights.model as { weights: number[] }).weights = [1];
    expect(reason(weights)).toMatch(/1 weights for 2 members/);

    const meta = copy("stacking");
    delete (meta.model as { meta?: unknown }).meta;
    expect(reason(meta)).toMatch(/needs its meta-learner/);

    const metaInputs = copy("stacking");
    (metaInputs.model as { meta: Record<string, unknown> }).meta["inputs"] = 2;
    expect(reason(metaInputs)).toMatch(/meta-learner: The model reads 2 features but its preprocessing produces 6/);
  });

  it("refuse what is not a model at all with a clear reason", () => {
    expect(reason(null)).toMatch(/^The model: /);
    expect(
      reason({ ...artifacts["gbt"], model: { format: "vajra-model/1", kind: "svm", task: { kind: "regression" }, inputs: 4, params: {}, state: {} } }),
    ).toMatch(/Unknown model kind "svm"/);
    const bad64 = copy("gbt");
    firstTree(bad64).left = "not base64 at all!";
    expect(reason(bad64)).toBe("Tree 1 of the gradient boosting model's left links is not valid base64 of its number type");
  });
});
