import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { writeParquetTestFile } from "../testing/parquetTestFile";
import { isMissing, type Table } from "../ml/table/table";
import { inMemoryDatasets } from "../runtime/datasets";
import { runSpec, type RunResult } from "../runtime/runSpec";
import { compileGraph } from "../compiler/compile";
import { catalog } from "./catalog";
import type { Graph } from "../spec/graph";
import type { MetricsValue } from "../spec/portValues";

const penguins = readFileSync(new URL("../../public/datasets/penguins.csv", import.meta.url), "utf8");
const datasets = inMemoryDatasets({
  "penguins.csv": penguins,
  "rows.json": JSON.stringify([
    { a: 1, b: "x" },
    { a: 2, b: "y" },
    { a: 2, b: "y" },
  ]),
  "rows.jsonl": '{"a": 1, "b": "x"}\n{"a": 5, "b": "z"}\n',
  // No extension: the format is sniffed from the PAR1 magic bytes.
  "rows-parquet": writeParquetTestFile([
    { name: "id", type: "INT32", values: [1, 2, 3] },
    { name: "city", type: "UTF8", values: ["Pune", null, "Pune"] },
  ]),
});

/** Compiles a linear chain of table nodes after a Load and runs it. */
async function runChain(dataset: string, steps: { kind: string; params: Record<string, unknown> }[]): Promise<RunResult> {
  const nodes: Graph["nodes"] = [{ id: "load", kind: "load", params: { dataset } }, ...steps.map((step, i) => ({ id: `s${i}`, ...step }))];
  const edges = steps.map((_, i) => ({ source: i === 0 ? "load" : `s${i - 1}`, sourceHandle: "table", target: `s${i}`, targetHandle: "table" }));
  const compiled = compileGraph({ nodes, edges }, catalog);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return runSpec(compiled.spec, { datasets });
}

function lastTable(result: RunResult): Table {
  if (result.status !== "succeeded") throw new Error(`${result.error?.nodeId}: ${result.error?.message}`);
  const last = result.steps.at(-1)!;
  return result.artifacts[last.nodeId]!["table"]!.value as Table;
}

const missingCount = (table: Table) =>
  table.columns.reduce((sum, column) => sum + Array.from({ length: table.rowCount }, (_, r) => isMissing(column, r)).filter(Boolean).length, 0);

describe("load", () => {
  it("reads Parquet, sniffing the format from its bytes, and feeds the next node", async () => {
    const table = lastTable(await runChain("rows-parquet", [{ kind: "cast-columns", params: { casts: [{ column: "id", type: "number" }] } }]));
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "number"],
      ["city", "category"],
    ]);
    expect(missingCount(table)).toBe(1);
  });
});

describe("clean nodes", () => {
  it("loads JSON arrays and JSON Lines, and drops duplicates", async () => {
    expect(lastTable(await runChain("rows.jsonl", [{ kind: "drop-duplicates", params: {} }])).rowCount).toBe(2);
    const table = lastTable(await runChain("rows.json", [{ kind: "drop-duplicates", params: {} }]));
    expect(table.rowCount).toBe(2);
  });

  it("chains select, rename, cast, filter, impute, outliers, scale, encode and validate on penguins", async () => {
    const table = lastTable(
      await runChain("penguins.csv", [
        { kind: "select-columns", params: { columns: ["species", "island", "bill_length_mm", "body_mass_g", "sex", "year"] } },
        { kind: "rename-columns", params: { renames: [{ from: "bill_length_mm", to: "bill" }] } },
        { kind: "cast-columns", params: { casts: [{ column: "year", type: "category" }] } },
        { kind: "filter-rows", params: { expression: 'island != "Dream" and bill is not missing' } },
        { kind: "impute", params: { strategy: "mode", columns: ["sex"] } },
        { kind: "outliers", params: { method: "iqr", action: "clip" } },
        { kind: "scale", params: { method: "standard", columns: ["bill", "body_mass_g"] } },
        { kind: "encode", params: { method: "onehot", columns: ["island"] } },
        {
          kind: "validate",
          params: {
            expectations: [
              { kind: "notNull", column: "sex" },
              { kind: "rowCount", min: 100 },
            ],
          },
        },
      ]),
    );
    const names = table.columns.map((c) => c.name);
    expect(names).toEqual(["species", "island=Biscoe", "island=Torgersen", "bill", "body_mass_g", "sex", "year"]);
    expect(table.columns.find((c) => c.name === "year")!.type).toBe("category");
    expect(missingCount(table)).toBe(0);
    const bill = table.columns.find((c) => c.name === "bill")!;
    const values = bill.type === "number" ? Array.from(bill.values) : [];
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(1e-9);
    // 344 penguins, 124 on Dream, 2 without measurements.
    expect(table.rowCount).toBe(344 - 124 - 2);
  });

  it("fails the Validate node with a readable summary when an expectation breaks", async () => {
    const result = await runChain("penguins.csv", [{ kind: "validate", params: { expectations: [{ kind: "notNull", column: "sex" }] } }]);
    expect(result.status).toBe("failed");
    expect(result.error?.nodeId).toBe("s0");
    expect(result.error?.message).toMatch(/sex/);
    const warned = await runChain("penguins.csv", [{ kind: "validate", params: { expectations: [{ kind: "notNull", column: "sex" }], onFailure: "warn" } }]);
    expect(warned.status).toBe("succeeded");
  });
});

describe("evaluate", () => {
  it("reports metrics per slice that add up to the whole test split", async () => {
    const graph: Graph = {
      nodes: [
        { id: "load", kind: "load", params: { dataset: "penguins.csv" } },
        { id: "split", kind: "split", params: { stratify: "species", seed: 5 } },
        { id: "model", kind: "gradient-boosting", params: { target: "species", maxIterations: 20 } },
        { id: "evaluate", kind: "evaluate", params: { sliceBy: "island" } },
      ],
      edges: [
        { source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
        { source: "split", sourceHandle: "split", target: "model", targetHandle: "data" },
        { source: "model", sourceHandle: "model", target: "evaluate", targetHandle: "model" },
        { source: "split", sourceHandle: "split", target: "evaluate", targetHandle: "data" },
      ],
    };
    const compiled = compileGraph(graph, catalog);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    const result = await runSpec(compiled.spec, { datasets });
    const metrics = result.artifacts["evaluate"]!["metrics"]!.value as MetricsValue;
    expect(metrics.slices!.map((slice) => slice.value).sort()).toEqual(["Biscoe", "Dream", "Torgersen"]);
    expect(metrics.slices!.reduce((sum, slice) => sum + slice.rows, 0)).toBe(metrics.rows);
    const correct = metrics.slices!.reduce((sum, slice) => sum + slice.values["accuracy"]! * slice.rows, 0);
    expect(correct / metrics.rows).toBeCloseTo(metrics.values["accuracy"]!, 10);
  });
});

describe("predict", () => {
  it("appends predictions and class probabilities for every raw row, missing values included", async () => {
    const graph: Graph = {
      nodes: [
        { id: "load", kind: "load", params: { dataset: "penguins.csv" } },
        { id: "split", kind: "split", params: { stratify: "species", seed: 5 } },
        { id: "model", kind: "gradient-boosting", params: { target: "species", maxIterations: 20 } },
        { id: "predict", kind: "predict", params: {} },
      ],
      edges: [
        { source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
        { source: "split", sourceHandle: "split", target: "model", targetHandle: "data" },
        { source: "model", sourceHandle: "model", target: "predict", targetHandle: "model" },
        { source: "load", sourceHandle: "table", target: "predict", targetHandle: "table" },
      ],
    };
    const compiled = compileGraph(graph, catalog);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    const result = await runSpec(compiled.spec, { datasets });
    expect(result.status).toBe("succeeded");
    const predictions = result.artifacts["predict"]!["predictions"]!.value as Table;
    expect(predictions.rowCount).toBe(344);
    const predicted = predictions.columns.find((c) => c.name === "prediction")!;
    const truth = predictions.columns.find((c) => c.name === "species")!;
    if (predicted.type !== "category" || truth.type !== "category") throw new Error("expected category columns");
    let correct = 0;
    for (let r = 0; r < 344; r++) if (predicted.levels[predicted.codes[r]!] === truth.levels[truth.codes[r]!]) correct++;
    expect(correct / 344).toBeGreaterThan(0.95);
    const probabilities = ["Adelie", "Chinstrap", "Gentoo"].map((label) => predictions.columns.find((c) => c.name === `prediction_probability_${label}`)!);
    for (let r = 0; r < 344; r += 37) {
      const sum = probabilities.reduce((total, column) => total + (column.type === "number" ? column.values[r]! : 0), 0);
      expect(sum).toBeCloseTo(1, 5);
    }
  });
});

describe("text classifier", () => {
  it("learns from a text column and predicts raw rows", async () => {
    const good = ["great taste", "love it", "great value, love", "tastes great", "love the flavour"];
    const bad = ["awful taste", "hate it", "awful value, hate", "tastes awful", "hate the flavour"];
    const rows = Array.from({ length: 80 }, (_, i) => (i % 2 === 0 ? [`${good[i % 5]} ${i}`, "pos"] : [`${bad[i % 5]} ${i}`, "neg"]));
    const csv = ["review,label", ...rows.map(([text, label]) => `"${text}",${label}`)].join("\n");
    const graph: Graph = {
      nodes: [
        { id: "load", kind: "load", params: { dataset: "reviews.csv", columnTypes: [{ column: "review", type: "text" }] } },
        { id: "split", kind: "split", params: { stratify: "label", seed: 2 } },
        { id: "model", kind: "text-classifier", params: { target: "label", textColumn: "review", epochs: 20, minCount: 1, learningRate: 0.1 } },
        { id: "evaluate", kind: "evaluate", params: {} },
      ],
      edges: [
        { source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
        { source: "split", sourceHandle: "split", target: "model", targetHandle: "data" },
        { source: "model", sourceHandle: "model", target: "evaluate", targetHandle: "model" },
        { source: "split", sourceHandle: "split", target: "evaluate", targetHandle: "data" },
      ],
    };
    const compiled = compileGraph(graph, catalog);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    const result = await runSpec(compiled.spec, { datasets: inMemoryDatasets({ "reviews.csv": csv }) });
    expect(result.error).toBeUndefined();
    const metrics = result.artifacts["evaluate"]!["metrics"]!.value as { values: Record<string, number>; rows: number };
    expect(metrics.rows).toBe(24);
    expect(metrics.values["accuracy"]).toBe(1);
  });
});
