import { describe, expect, it } from "vitest";
import type { PipelineSpec } from "@/pipeline/spec/spec";
import { exportableSpec } from "./exportableSpec";

const load = (id: string, dataset: string) => ({ id, kind: "load", version: 1, params: { dataset }, inputs: {} });

describe("exportableSpec", () => {
  it("names project datasets by name for vajra run --dataset, keeping versions, samples and paths as they are", () => {
    const spec: PipelineSpec = {
      specVersion: 1,
      nodes: [load("a", "dataset:cmx7abc"), load("b", "dataset:churn@2"), load("c", "sample:iris"), load("d", "data/local.csv")],
    };
    const exported = exportableSpec(spec, [
      { datasetId: "cmx7abc", name: "q3 sales" },
      { datasetId: null, name: "iris" },
    ]);
    expect(exported.spec.nodes.map((n) => n.params["dataset"])).toEqual(["dataset:q3 sales", "dataset:churn@2", "sample:iris", "data/local.csv"]);
    expect(exported.needs).toEqual(["churn", "q3 sales"]);
  });
});
