import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pipelineSpecSchema } from "../spec/spec";
import { sha256Hex } from "../spec/sha256";
import { MemoryArtifactCache } from "./artifactCache";
import { inMemoryDatasets } from "./datasets";
import { HashRecordingDatasets } from "./hashRecordingDatasets";
import { runSpec } from "./runSpec";

const iris = readFileSync(new URL("../../public/datasets/iris.csv", import.meta.url));
const spec = pipelineSpecSchema.parse(JSON.parse(readFileSync(new URL("../../examples/iris.json", import.meta.url), "utf8")));
const treesOnly = { ...spec, nodes: spec.nodes.filter((n) => !n.id.includes("logistic")) };

describe("HashRecordingDatasets", () => {
  it("records the hash of every dataset a run reads, also when every step comes from the cache", async () => {
    const cache = new MemoryArtifactCache();
    const expected = { "sample:iris": sha256Hex(new Uint8Array(iris)) };
    for (let run = 0; run < 2; run++) {
      const datasets = new HashRecordingDatasets(inMemoryDatasets({ "sample:iris": new Uint8Array(iris) }));
      const result = await runSpec(treesOnly, { datasets, cache });
      expect(result.status).toBe("succeeded");
      expect(result.steps.every((step) => step.cached)).toBe(run === 1);
      expect(datasets.contentHashes).toEqual(expected);
    }
  });
});
