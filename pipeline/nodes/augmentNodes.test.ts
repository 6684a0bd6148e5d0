import { describe, expect, it } from "vitest";
import { getColumn, type Table } from "../ml/table/table";
import { inMemoryDatasets } from "../runtime/datasets";
import { runSpec, type RunResult } from "../runtime/runSpec";
import { compileGraph } from "../compiler/compile";
import { catalog } from "./catalog";
import type { Graph } from "../spec/graph";
import type { SplitValue } from "../spec/portValues";

// 24 rows: class "a" on x = 0..17, class "b" (the minority) on x = 100..105.
const imbalanced = ["x,y", ...Array.from({ length: 18 }, (_, i) => `${i},a`), ...Array.from({ length: 6 }, (_, i) => `${100 + i},b`)].join("\n");
const reviews = ["review,label", ...Array.from({ length: 10 }, (_, i) => `"the coffee is good and cheap ${i}",${i % 2 === 0 ? "pos" : "neg"}`)].join("\n");
// 2 × 2 images with one lit pixel, pixels in [0, 10].
const images = [
  "p0,p1,p2,p3,label",
  ...Array.from({ length: 12 }, (_, i) => `${i % 4 === 0 ? 10 : 0},${i % 4 === 1 ? 10 : 0},${i % 4 === 2 ? 10 : 0},${i % 4 === 3 ? 10 : 0},c${i % 4}`),
].join("\n");
const datasets = inMemoryDatasets({ "imbalanced.csv": imbalanced, "reviews.csv": reviews, "images.csv": images });

async function augment(
  dataset: string,
  node: { kind: string; params: Record<string, unknown> },
  load: Record<string, unknown> = {},
): Promise<{ before: SplitValue; after: SplitValue }> {
  const graph: Graph = {
    nodes: [
      { id: "load", kind: "load", params: { dataset, ...load } },
      { id: "split", kind: "split", params: { train: 0.5, validation: 0.25, test: 0.25, seed: 3 } },
      { id: "augment", ...node },
    ],
    edges: [
      { source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
      { source: "split", sourceHandle: "split", target: "augment", targetHandle: "data" },
    ],
  };
  const compiled = compileGraph(graph, catalog);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  const result: RunResult = await runSpec(compiled.spec, { datasets });
  if (result.status !== "succeeded") throw new Error(result.error?.message);
  return { before: result.artifacts["split"]!["split"]!.value as SplitValue, after: result.artifacts["augment"]!["data"]!.value as SplitValue };
}

const labels = (table: Table, name: string) => {
  const column = getColumn(table, name);
  return column.type === "category" ? Array.from(column.codes, (k) => column.levels[k]!) : [];
};
const count = (values: string[], value: string) => values.filter((v) => v === value).length;

describe("augmentation nodes", () => {
  it("refuse a table before the split with a placement diagnostic", () => {
    const result = compileGraph(
      {
        nodes: [
          { id: "load", kind: "load", params: { dataset: "imbalanced.csv" } },
          { id: "smote", kind: "augment-tabular", params: { target: "y" } },
        ],
        edges: [{ source: "load", sourceHandle: "table", target: "smote", targetHandle: "data" }],
      },
      catalog,
    );
    expect(result.ok).toBe(false);
    const diagnostic = result.diagnostics.find((d) => d.nodeId === "smote")!;
    expect(diagnostic.code).toBe("invalid-placement");
    expect(diagnostic.message).toMatch(/after the Train \/ test split/);
  });

  it("SMOTE balances the train part only, with synthetic rows inside the minority's range", async () => {
    const { before, after } = await augment("imbalanced.csv", { kind: "augment-tabular", params: { target: "y", k: 2, seed: 1 } });
    expect(after.valid).toEqual(before.valid);
    expect(after.test).toEqual(before.test);
    const y = labels(before.train, "y");
    const [a, b] = [count(y, "a"), count(y, "b")];
    expect(b).toBeGreaterThanOrEqual(2);
    expect(b).toBeLessThan(a);
    const grown = labels(after.train, "y");
    expect([count(grown, "a"), count(grown, "b")]).toEqual([a, a]);
    const x = getColumn(after.train, "x");
    const synthetic = x.type === "integer" || x.type === "number" ? Array.from(x.values.slice(before.train.rowCount)) : [];
    expect(synthetic).toHaveLength(a - b);
    for (const value of synthetic) expect(value >= 100 && value <= 105).toBe(true);
  });

  it("Gaussian noise appends jittered copies of the numeric columns and keeps labels", async () => {
    const { before, after } = await augment("imbalanced.csv", {
      kind: "augment-tabular",
      params: { method: "gaussian-noise", target: "y", copies: 2, scale: 0.1, seed: 1 },
    });
    expect(after.train.rowCount).toBe(3 * before.train.rowCount);
    expect(labels(after.train, "y")).toEqual([...labels(before.train, "y"), ...labels(before.train, "y"), ...labels(before.train, "y")]);
    expect(after.test).toEqual(before.test);
  });

  it("text augmentation rewrites copies of the train reviews with thesaurus synonyms", async () => {
    const params = { column: "review", copies: 1, synonymReplacement: 0.5, randomInsertion: 0, randomSwap: 0, randomDeletion: 0, seed: 4 };
    const { before, after } = await augment("reviews.csv", { kind: "augment-text", params }, { columnTypes: [{ column: "review", type: "text" }] });
    const n = before.train.rowCount;
    expect(after.train.rowCount).toBe(2 * n);
    const text = getColumn(after.train, "review");
    const rewritten = text.type === "text" ? text.values.slice(n) : [];
    // Synonym replacement keeps the word count (7 here: coffee, good and cheap have no multi-word synonyms).
    rewritten.forEach((review, i) => {
      expect(review).not.toBe(text.type === "text" ? text.values[i] : "");
      expect(review!.split(" ")).toHaveLength(7);
    });
    expect(labels(after.train, "label")).toEqual([...labels(before.train, "label"), ...labels(before.train, "label")]);
    expect(after.valid).toEqual(before.valid);
  });

  it("image augmentation transforms pixel columns within the pixel range, repeatably", async () => {
    const node = {
      kind: "augment-images",
      params: { target: "label", height: 2, width: 2, flipHorizontal: true, maxRotationDegrees: 0, maxShift: 0, maxBrightness: 0, range: [0, 10], seed: 2 },
    };
    const { before, after } = await augment("images.csv", node);
    const n = before.train.rowCount;
    expect(after.train.rowCount).toBe(2 * n);
    const pixels = ["p0", "p1", "p2", "p3"]
      .map((name) => getColumn(after.train, name))
      .map((c) => (c.type === "integer" || c.type === "number" ? Array.from(c.values) : []));
    for (let r = n; r < 2 * n; r++) {
      const image = pixels.map((column) => column[r]!);
      const source = pixels.map((column) => column[r - n]!);
      // Only flips: the copy is the image or its mirror (columns swapped within each row).
      expect([source, [source[1], source[0], source[3], source[2]]]).toContainEqual(image);
    }
    expect(pixels.some((column) => column.slice(n).some((v, i) => v !== column[i]))).toBe(true);
    expect((await augment("images.csv", node)).after.train).toEqual(after.train);
    expect(after.test).toEqual(before.test);
  });
});
