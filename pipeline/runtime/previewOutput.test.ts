import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MemoryArtifactCache } from "./artifactCache";
import { inMemoryDatasets } from "./datasets";
import { previewOutput } from "./previewOutput";
import { upstreamSpec } from "./upstreamSpec";
import type { PipelineSpec } from "../spec/spec";

const iris = readFileSync(new URL("../../public/datasets/iris.csv", import.meta.url), "utf8");
const spec: PipelineSpec = {
  specVersion: 1,
  nodes: [
    { id: "load", kind: "load", version: 1, params: { dataset: "sample:iris" }, inputs: {} },
    { id: "other", kind: "load", version: 1, params: { dataset: "sample:missing" }, inputs: {} },
    {
      id: "split",
      kind: "split",
      version: 1,
      params: { train: 0.6, validation: 0.2, test: 0.2, seed: 1 },
      inputs: { table: { node: "load", output: "table" } },
    },
  ],
};
const options = { datasets: inMemoryDatasets({ "sample:iris": iris }), cache: new MemoryArtifactCache() };

describe("previewOutput", () => {
  it("runs only what the node depends on", () => {
    expect(upstreamSpec(spec, "split").nodes.map((n) => n.id)).toEqual(["load", "split"]);
  });

  it("shows the first rows and column stats of a table", async () => {
    const preview = await previewOutput(spec, "load", "table", options);
    if (preview.kind !== "table") throw new Error(JSON.stringify(preview));
    expect(preview.table.rowCount).toBe(150);
    expect(preview.table.rows).toHaveLength(20);
    expect(preview.table.rows[0]).toEqual(["5.1", "3.5", "1.4", "0.2", "setosa"]);
    const petal = preview.table.stats.columns.find((c) => c.name === "petal_length_cm")!;
    expect(petal.min).toBe(1);
    expect(petal.max).toBe(6.9);
    expect(petal.mean).toBeCloseTo(3.758, 3);
  });

  it("shows each part of a split", async () => {
    const preview = await previewOutput(spec, "split", "split", options);
    if (preview.kind !== "split") throw new Error(JSON.stringify(preview));
    expect(preview.parts.map((p) => p.table.rowCount)).toEqual([90, 30, 30]);
  });

  it("reports a failing upstream node", async () => {
    const preview = await previewOutput(spec, "other", "table", options);
    expect(preview).toMatchObject({ kind: "failed", nodeId: "other" });
  });
});
