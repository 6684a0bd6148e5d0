import { readFileSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeTypedArray } from "../ml/models/typed-array-codec";
import type { Table } from "../ml/table/table";
import { inMemoryDatasets } from "../runtime/datasets";
import { runSpec } from "../runtime/runSpec";
import { compileGraph } from "../compiler/compile";
import { catalog } from "../nodes/catalog";
import type { ModelArtifact, SplitValue } from "../spec/portValues";
import { expectClearError, FUZZ_RUNS } from "../testing/clearOutcome";
import { checkModelArtifact, InvalidModelError } from "./modelArtifactCheck";
import { predictWithModel } from "./modelPrediction";

const iris = readFileSync(new URL("../../public/datasets/iris.csv", import.meta.url), "utf8");
const KINDS = { gbt: "gradient-boosting", forest: "random-forest", logistic: "logistic-regression", mlp: "mlp", cnn: "cnn" } as const;
const PARAMS = { target: "species", maxIterations: 3, nEstimators: 3, epochs: 2, hiddenUnits: 3, imageHeight: 2, imageWidth: 2, filters: 2, denseUnits: 3 };

const artifacts: ModelArtifact[] = [];
let rows: Table;

beforeAll(async () => {
  const compiled = compileGraph(
    {
      nodes: [
        { id: "load", kind: "load", params: { dataset: "iris.csv" } },
        { id: "split", kind: "split", params: { seed: 1 } },
        ...Object.entries(KINDS).map(([id, kind]) => ({ id, kind, params: PARAMS })),
      ],
      edges: [
        { source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
        ...Object.keys(KINDS).map((id) => ({ source: "split", sourceHandle: "split", target: id, targetHandle: "data" })),
      ],
    },
    catalog,
  );
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  const result = await runSpec(compiled.spec, { datasets: inMemoryDatasets({ "iris.csv": iris }) });
  if (result.status !== "succeeded") throw new Error(result.error?.message);
  for (const id of Object.keys(KINDS)) artifacts.push(result.artifacts[id]!["model"]!.value as ModelArtifact);
  rows = (result.artifacts["split"]!["split"]!.value as SplitValue).test;
}, 120_000);

/** Every path into a JSON-like value. */
function pathsOf(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...path, i], out));
  else if (typeof value === "object" && value !== null) for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], out);
  return out;
}

function replaced(artifact: ModelArtifact, pick: number, value: unknown): unknown {
  const paths = pathsOf(artifact).filter((p) => p.length > 0);
  const path = paths[pick % paths.length]!;
  const copy = structuredClone(artifact) as unknown as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
  return copy;
}

/** Values a hostile browser would put anywhere: small and huge numbers, wrong types, typed arrays of any content. */
const hostile = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1,
    2,
    3,
    4,
    5,
    1e9,
    -1e9,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    "",
    "x",
    null,
    true,
    [],
    {},
    ["a"],
    [0],
    "vajra-model/1",
    "classification",
    "regression",
  ),
  fc.integer({ min: -10, max: 1000 }),
  fc.array(fc.integer({ min: -3, max: 12 }), { maxLength: 40 }).map((values) => encodeTypedArray(Int32Array.from(values))),
  fc.array(fc.double(), { maxLength: 40 }).map((values) => encodeTypedArray(Float64Array.from(values))),
  fc.array(fc.float(), { maxLength: 40 }).map((values) => encodeTypedArray(Float32Array.from(values))),
);

describe("a model the artifact check accepts predicts; the rest are refused with a reason", () => {
  it("trained models with one value anywhere replaced", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: Object.keys(KINDS).length - 1 }), fc.nat(), hostile, async (which, pick, value) => {
        const candidate = replaced(artifacts[which]!, pick, value);
        try {
          checkModelArtifact(candidate);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidModelError);
          expectClearError(error);
          return;
        }
        // Accepted: predicting raw rows must work, as a deployment would on its first request.
        const output = await predictWithModel(candidate as ModelArtifact, rows, false);
        expect(output.scores.length).toBe(output.rowIndices.length * output.width);
      }),
      { ...FUZZ_RUNS, numRuns: 400 },
    );
  }, 120_000);
});
