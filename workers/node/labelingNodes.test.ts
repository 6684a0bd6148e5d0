import { describe, expect, it } from "vitest";
import { runExample } from "@/pipeline/cli/exampleRuns";
import { MemoryArtifactCache } from "@/pipeline/runtime/artifactCache";
import { inMemoryDatasets } from "@/pipeline/runtime/datasets";
import { previewOutput } from "@/pipeline/runtime/previewOutput";
import { runSpec } from "@/pipeline/runtime/runSpec";
import { compileGraph } from "@/pipeline/compiler/compile";
import { catalog } from "@/pipeline/nodes/catalog";
import type { Graph } from "@/pipeline/spec/graph";
import type { LabelMatrixValue, ModelArtifact } from "@/pipeline/spec/portValues";
// The engine's nodes run against the real sandbox the server workers use.
import { ProcessSandbox } from "./processSandbox";

const reviews = ["review,stars", '"love it, great taste",5', '"awful, threw it out",1', '"ok I guess",3', '"love the smell but awful taste",2'].join("\n");
const dev = ["review,gold", '"love this",great', '"love it, awful price",other', '"awful",other', '"just fine",great'].join("\n");
const datasets = inMemoryDatasets({ "reviews.csv": reviews, "dev.csv": dev });
const textTypes = [{ column: "review", type: "text" }];

function labelingGraph(functions: unknown[], withDev = false): Graph {
  return {
    nodes: [
      { id: "load", kind: "load", params: { dataset: "reviews.csv", columnTypes: textTypes } },
      ...(withDev ? [{ id: "dev", kind: "load", params: { dataset: "dev.csv", columnTypes: textTypes } }] : []),
      { id: "lfs", kind: "labeling-functions", params: { classes: ["great", "other"], functions, timeoutMs: 500, ...(withDev ? { goldColumn: "gold" } : {}) } },
    ],
    edges: [
      { source: "load", sourceHandle: "table", target: "lfs", targetHandle: "table" },
      ...(withDev ? [{ source: "dev", sourceHandle: "table", target: "lfs", targetHandle: "dev" }] : []),
    ],
  };
}

function compiled(graph: Graph) {
  const result = compileGraph(graph, catalog);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.spec;
}

const love = { name: "love", kind: "keywords", column: "review", keywords: ["love"], label: "great" };
const awful = { name: "awful", kind: "keywords", column: "review", keywords: ["awful"], label: "other" };

describe("labeling functions node", () => {
  const sandbox = new ProcessSandbox();
  const expression = (name: string, source: string) => ({ name, kind: "expression", expression: source });

  it("runs expression functions in the sandbox the run is given", async () => {
    const spec = compiled(labelingGraph([expression("stars", 'row.stars >= 4 ? "great" : row.stars <= 2 ? "other" : null'), love]));
    const result = await runSpec(spec, { datasets, expressionSandbox: sandbox });
    const votes = result.artifacts["lfs"]!["votes"]!.value as LabelMatrixValue;
    // Rows: 5 stars + "love" → great, great; 1 star → other, abstain; 3 stars → abstain ×2; 2 stars + "love" → other, great.
    expect(Array.from(votes.votes)).toEqual([0, 0, 1, -1, -1, -1, 1, 0]);
  });

  it("fails clearly without a sandbox, and on a function that throws, loops or names an unknown class", async () => {
    const run = async (source: string, withSandbox = true) => {
      const result = await runSpec(compiled(labelingGraph([expression("probe", source)])), {
        datasets,
        ...(withSandbox ? { expressionSandbox: sandbox } : {}),
      });
      expect(result.status).toBe("failed");
      expect(result.error?.nodeId).toBe("lfs");
      return result.error!.message;
    };
    expect(await run('"great"', false)).toMatch(/"probe" is an expression, but this runtime has no expression sandbox/);
    expect(await run('row.missing.length > 0 ? "great" : null')).toMatch(/"probe" threw on row 0/);
    expect(await run("(() => { for (;;) {} })()")).toMatch(/"probe" did not finish within 500 ms/);
    expect(await run('"excellent"')).toMatch(/"probe" returned "excellent" on row 0, which is not one of the classes: great, other/);
  }, 60_000);

  it("previews coverage, overlaps, conflicts, dev-set accuracy and class balance", async () => {
    const spec = compiled(labelingGraph([love, awful], true));
    const preview = await previewOutput(spec, "lfs", "votes", { datasets, cache: new MemoryArtifactCache() });
    if (preview.kind !== "labelMatrix") throw new Error(JSON.stringify(preview));
    // Train votes — love: rows 0, 3; awful: rows 1, 3. Row 3 is the only overlap and it conflicts.
    expect(preview.rowCount).toBe(4);
    expect(preview.coverage).toBe(0.75);
    expect(preview.overlaps).toBe(0.25);
    expect(preview.conflicts).toBe(0.25);
    expect(preview.functions.map((f) => [f.name, f.coverage, f.overlaps, f.conflicts])).toEqual([
      ["love", 0.5, 0.25, 0.25],
      ["awful", 0.5, 0.25, 0.25],
    ]);
    // Dev — love fires on "love this" (great ✓) and "love it, awful price" (other ✗); awful on rows 1 and 2 (both other ✓).
    expect(preview.functions.map((f) => [f.accuracy, f.devVotes])).toEqual([
      [0.5, 2],
      [1, 2],
    ]);
    expect(preview.devRows).toBe(4);
    // Majority vote: row 0 great, row 1 other; row 2 uncovered and row 3 tied are unlabelled.
    expect(preview.classBalance).toEqual({
      classes: [
        { class: "great", rows: 1, share: 0.5 },
        { class: "other", rows: 1, share: 0.5 },
      ],
      unlabelled: 2,
    });
  });

  it("asks for the dev table when a gold column is set without one", () => {
    const graph = labelingGraph([love]);
    graph.nodes[1]!.params = { ...graph.nodes[1]!.params, goldColumn: "gold" };
    const result = compileGraph(graph, catalog, {
      datasetSchemas: {
        "reviews.csv": {
          columns: [
            { name: "review", type: "text" },
            { name: "stars", type: "integer" },
          ],
        },
      },
    });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.nodeId, d.param, d.code])).toContainEqual(["lfs", "goldColumn", "missing-input"]);
  });
});

describe("weak supervision example", () => {
  it("labeling functions → label model → text classifier beats the majority class on fine_foods_test without gold training labels", async () => {
    const run = await runExample("fine_foods_weak_supervision");
    const spec = run.result.steps.map((s) => s.kind);
    expect(spec).toContain("labeling-functions");
    expect(spec).toContain("label-model");
    const model = run.result.artifacts["text"]!["model"]!.value as ModelArtifact;
    // Gold labels were dropped before the functions ran; the classifier learnt only weak labels.
    expect(model.trainRows).toBeLessThan(4000);
    const [score] = run.scores;
    // fine_foods_test: 1000 rows, majority class 0.658; bar 0.708 (measured 0.769).
    expect(score!.accuracy).toBeGreaterThanOrEqual(0.708);
  }, 60_000);
});
