import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeArtifactValue } from "@/pipeline/runtime/artifactCodec";
import { hashArtifactValue } from "@/pipeline/runtime/artifactHash";
import { inMemoryDatasets } from "@/pipeline/runtime/datasets";
import type { RunEvent } from "@/pipeline/runtime/events";
import { HashRecordingDatasets } from "@/pipeline/runtime/hashRecordingDatasets";
import { runSpec } from "@/pipeline/runtime/runSpec";
import { serializeRunResult } from "@/pipeline/runtime/serializedRunResult";
import { pipelineSpecSchema, type PipelineSpec } from "@/pipeline/spec/spec";
import { artifactUploadSchema, finishBrowserRunSchema } from "@/server/runs/browserRuns";
import type { BrowserRunResult } from "@/workers/browser/runWorker";
import { browserRunReport } from "./browserRunReport";

const iris = readFileSync(new URL("../../public/datasets/iris.csv", import.meta.url), "utf8");
const irisSpec = pipelineSpecSchema.parse(JSON.parse(readFileSync(new URL("../../examples/iris.json", import.meta.url), "utf8")));

/** Runs a spec the way the run worker does (minus TF.js models and the sandbox), returning what it hands the page. */
async function browserLikeRun(spec: PipelineSpec): Promise<{ result: BrowserRunResult; events: RunEvent[] }> {
  const events: RunEvent[] = [];
  const datasets = new HashRecordingDatasets(inMemoryDatasets({ "sample:iris": iris }));
  const result = await runSpec(spec, { datasets, onEvent: (e) => events.push(e) });
  return { result: { ...serializeRunResult(result), backend: "wasm", datasets: datasets.contentHashes }, events };
}

describe("browserRunReport", () => {
  it("turns a finished run into uploads and a finish call the server's schemas accept", async () => {
    const { result, events } = await browserLikeRun({ ...irisSpec, nodes: irisSpec.nodes.filter((n) => !n.id.includes("logistic")) });
    const { uploads, finish } = browserRunReport(result, events);

    expect(uploads.map((u) => u.nodeId)).toEqual(["load", "split", "gbt", "evaluate-gbt"]);
    for (const upload of uploads) {
      const parsed = artifactUploadSchema.parse(JSON.parse(JSON.stringify(upload)));
      // The server recomputes every hash from the uploaded value and refuses a mismatch.
      for (const output of Object.values(parsed.outputs)) expect(hashArtifactValue(decodeArtifactValue(output.value))).toBe(output.hash);
    }
    expect(uploads.find((u) => u.nodeId === "evaluate-gbt")?.metrics?.["accuracy"]).toBeGreaterThan(0.9);
    // The final loss is stored as a server run stores it, so Compare shows it for browser runs too.
    const lastEpoch = events.findLast((e): e is Extract<RunEvent, { type: "epoch" }> => e.type === "epoch" && e.nodeId === "gbt");
    expect(lastEpoch?.loss).toBeDefined();
    expect(uploads.find((u) => u.nodeId === "gbt")?.metrics).toMatchObject({ epoch: lastEpoch!.epoch, loss: lastEpoch!.loss });

    const parsedFinish = finishBrowserRunSchema.parse({ runId: "run-1", ...finish });
    expect(parsedFinish).toMatchObject({ status: "succeeded", backend: "wasm", datasets: { "sample:iris": expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(parsedFinish.steps).toHaveLength(4);
  });

  it("reports the step that failed, with its error, in the finish call", async () => {
    const spec = pipelineSpecSchema.parse({
      specVersion: 1,
      nodes: [
        { id: "load", kind: "load", version: 1, params: { dataset: "sample:iris" }, inputs: {} },
        {
          id: "lf",
          kind: "labeling-functions",
          version: 1,
          params: { classes: ["setosa", "other"], functions: [{ name: "short", kind: "expression", expression: 'row.petal_length_cm < 2 ? "setosa" : null' }] },
          inputs: { table: { node: "load", output: "table" } },
        },
      ],
    });
    // No expression sandbox here, so the labeling functions fail when they run.
    const { result, events } = await browserLikeRun(spec);
    const { uploads, finish } = browserRunReport(result, events);
    expect(uploads.map((u) => u.nodeId)).toEqual(["load"]);
    const parsed = finishBrowserRunSchema.parse({ runId: "run-1", ...finish });
    expect(parsed.status).toBe("failed");
    expect(parsed.error).toEqual({ nodeId: "lf", message: expect.stringContaining("no expression sandbox") });
    expect(parsed.steps.at(-1)).toMatchObject({ nodeId: "lf", kind: "labeling-functions", status: "failed", error: parsed.error!.message });
  });
});
