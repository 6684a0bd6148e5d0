import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pipelineSpecSchema } from "../spec/spec";
import { decodeArtifactValue } from "./artifactCodec";
import { hashArtifactValue } from "./artifactHash";
import { inMemoryDatasets } from "./datasets";
import { runSpec } from "./runSpec";
import { serializeRunResult, serializedRunResultSchema } from "./serializedRunResult";

const iris = readFileSync(new URL("../../public/datasets/iris.csv", import.meta.url), "utf8");
const spec = pipelineSpecSchema.parse(JSON.parse(readFileSync(new URL("../../examples/iris.json", import.meta.url), "utf8")));

describe("serializeRunResult", () => {
  it("turns a run into JSON that validates and decodes back to the same artifact hashes", async () => {
    // Trees only: this checks the wire format, not TensorFlow.js.
    const treesOnly = { ...spec, nodes: spec.nodes.filter((n) => !n.id.includes("logistic")) };
    const result = await runSpec(treesOnly, { datasets: inMemoryDatasets({ "sample:iris": iris }) });
    expect(result.status).toBe("succeeded");

    const shipped = serializedRunResultSchema.parse(JSON.parse(JSON.stringify(serializeRunResult(result))));
    expect(shipped.steps).toEqual(result.steps);
    expect(Object.keys(shipped.artifacts)).toEqual(Object.keys(result.artifacts));
    for (const [nodeId, outputs] of Object.entries(shipped.artifacts)) {
      for (const [port, artifact] of Object.entries(outputs)) {
        expect(artifact.hash).toBe(result.artifacts[nodeId]![port]!.hash);
        expect(hashArtifactValue(decodeArtifactValue(artifact.value))).toBe(artifact.hash);
      }
    }
  });

  it("keeps the failure and its diagnostics", async () => {
    const broken = { ...spec, nodes: spec.nodes.map((n) => (n.id === "gbt" ? { ...n, params: { target: "no_such_column" } } : n)) };
    const result = await runSpec(broken, { datasets: inMemoryDatasets({ "sample:iris": iris }) });
    const shipped = serializedRunResultSchema.parse(JSON.parse(JSON.stringify(serializeRunResult(result))));
    expect(shipped.status).toBe("failed");
    expect(shipped.error?.diagnostics?.some((d) => d.nodeId === "gbt")).toBe(true);
  });
});
