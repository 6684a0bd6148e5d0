import { describe, expect, it } from "vitest";
import { choosePlacement, estimateWork, placeRun } from "./placement";
import type { PipelineSpec } from "@/pipeline/spec/spec";

const spec = (dataset: string, model: { kind: string; params: Record<string, unknown> }): PipelineSpec => ({
  specVersion: 1,
  nodes: [
    { id: "load", kind: "load", version: 1, params: { dataset }, inputs: {} },
    { id: "split", kind: "split", version: 1, params: {}, inputs: { table: { node: "load", output: "table" } } },
    { id: "model", kind: model.kind, version: 1, params: model.params, inputs: { data: { node: "split", output: "split" } } },
  ],
});

describe("run placement", () => {
  it("multiplies rows, features and epochs of each training node", () => {
    const sizes = { "sample:iris": { rows: 150, columns: 5 } };
    expect(estimateWork(spec("sample:iris", { kind: "mlp", params: { epochs: 40 } }), sizes)).toBe(150 * 5 * 40);
    expect(estimateWork(spec("sample:iris", { kind: "gradient-boosting", params: {} }), sizes)).toBe(150 * 5);
    expect(choosePlacement(150 * 5 * 40)).toBe("browser");
    // An uploaded dataset of the same size runs in the browser too: it reads the file from the project.
    const uploaded = { "dataset:abc": { rows: 150, columns: 5 } };
    expect(choosePlacement(estimateWork(spec("dataset:abc", { kind: "mlp", params: { epochs: 40 } }), uploaded))).toBe("browser");
  });

  it("sends text models on large corpora and unknown sizes to the server", () => {
    const sizes = { "sample:fine_foods_train": { rows: 4000, columns: 3 } };
    const work = estimateWork(spec("sample:fine_foods_train", { kind: "text-classifier", params: { epochs: 5 } }), sizes);
    expect(work).toBe(4000 * 10_000 * 5);
    expect(choosePlacement(work)).toBe("server");
    expect(estimateWork(spec("dataset:unknown", { kind: "mlp", params: {} }), {})).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("Auto and large tables", () => {
  const gbt = { kind: "gradient-boosting", params: {} };

  it("keeps 200,000 × 20 in the browser and sends 1,000,000 × 20 to the server, saying which dataset and why", () => {
    expect(placeRun("auto", spec("dataset:mid", gbt), { "dataset:mid": { rows: 200_000, columns: 20, name: "transactions" } })).toEqual({ target: "browser" });
    expect(placeRun("auto", spec("dataset:big", gbt), { "dataset:big": { rows: 1_000_000, columns: 20, name: "transactions" } })).toEqual({
      target: "server",
      reason: "transactions has 1,000,000 rows × 20 columns, more than a browser tab holds safely (10,000,000 cells)",
    });
  });

  it("says why when the training work or an unknown size sends a run to the server", () => {
    const corpus = { "sample:fine_foods_train": { rows: 4000, columns: 3 } };
    expect(placeRun("auto", spec("sample:fine_foods_train", { kind: "text-classifier", params: { epochs: 5 } }), corpus)).toEqual({
      target: "server",
      reason: "training this much data would be slow in a browser",
    });
    expect(placeRun("auto", spec("dataset:unknown", gbt), {})).toEqual({ target: "server", reason: "the size of a dataset it reads is not known yet" });
  });

  it("leaves an explicit choice alone", () => {
    const big = { "dataset:big": { rows: 1_000_000, columns: 20 } };
    expect(placeRun("browser", spec("dataset:big", gbt), big)).toEqual({ target: "browser" });
    expect(placeRun("server", spec("dataset:big", gbt), big)).toEqual({ target: "server" });
  });
});

describe("placing a run with a Deploy node", () => {
  const sizes = { "sample:iris": { rows: 150, columns: 5 } };
  const small = spec("sample:iris", { kind: "gradient-boosting", params: {} });
  const withDeploy: PipelineSpec = {
    ...small,
    nodes: [
      ...small.nodes,
      { id: "deploy", kind: "deploy", version: 1, params: { modelName: "iris", rule: "always" }, inputs: { model: { node: "model", output: "model" } } },
    ],
  };

  it("sends it to the server under Auto however small, saying why", () => {
    expect(placeRun("auto", small, sizes)).toEqual({ target: "browser" });
    expect(placeRun("auto", withDeploy, sizes)).toEqual({ target: "server", reason: "Deploy registers models on the server" });
    expect(placeRun("server", withDeploy, sizes)).toEqual({ target: "server", reason: "Deploy registers models on the server" });
  });

  it("refuses it in the browser with what to choose instead", () => {
    expect(placeRun("browser", withDeploy, sizes)).toEqual({
      refused: "Deploy registers models on the server, so this pipeline cannot run in the browser: choose Server or Auto.",
    });
    expect(placeRun("browser", small, sizes)).toEqual({ target: "browser" });
  });
});
