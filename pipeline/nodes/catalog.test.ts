import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { schemaOf } from "../ml/table/table";
import { readCsv } from "../ml/table/read-csv";
import { compileGraph } from "../compiler/compile";
import type { Graph } from "../spec/graph";
import { STAGES } from "../spec/nodeDefinition";
import { PORT_TYPES } from "../spec/portTypes";
import { catalog, listNodes } from "./catalog";

const penguins = schemaOf(readCsv(readFileSync(new URL("../../public/datasets/penguins.csv", import.meta.url))));
const datasetSchemas = { "sample:penguins": penguins };

function pipeline(model: Record<string, unknown>, extra: Graph["nodes"] = []): Graph {
  return {
    nodes: [
      { id: "load", kind: "load", params: { dataset: "sample:penguins" } },
      { id: "split", kind: "split", params: { stratify: "species" } },
      { id: "model", kind: "gradient-boosting", params: model },
      { id: "evaluate", kind: "evaluate", params: {} },
      ...extra,
    ],
    edges: [
      { source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
      { source: "split", sourceHandle: "split", target: "model", targetHandle: "data" },
      { source: "model", sourceHandle: "model", target: "evaluate", targetHandle: "model" },
      { source: "split", sourceHandle: "split", target: "evaluate", targetHandle: "data" },
    ],
  };
}

describe("catalog", () => {
  it("describes every node kind for the palette with ports, stage and a params JSON Schema", () => {
    const nodes = listNodes();
    expect(new Set(nodes.map((n) => n.kind)).size).toBe(nodes.length);
    for (const node of nodes) {
      expect(STAGES).toContain(node.stage);
      for (const port of [...node.inputs, ...node.outputs]) expect(PORT_TYPES).toContain(port.type);
      expect(node.paramsJsonSchema["type"]).toBe("object");
      expect(catalog.get(node.kind)).toBeDefined();
    }
  });
});

describe("compiling real pipelines against dataset schemas", () => {
  it("propagates column schemas to every port", () => {
    const result = compileGraph(pipeline({ target: "species" }), catalog, { datasetSchemas });
    expect(result.diagnostics).toEqual([]);
    const split = result.schemas["split"]!["split"];
    expect(split).toMatchObject({ type: "Split" });
    expect(split && "table" in split ? split.table.columns.map((c) => c.name) : []).toContain("bill_length_mm");
    expect(result.schemas["model"]!["model"]).toMatchObject({
      type: "Model",
      model: { target: "species", task: "classification", targetType: "category" },
    });
  });

  it("flags a target column that does not exist on the target param", () => {
    const result = compileGraph(pipeline({ target: "Species" }), catalog, { datasetSchemas });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ nodeId: "model", param: "target", code: "unknown-column", message: expect.stringContaining("species, island") }),
    ]);
  });

  it("flags an empty target when nothing upstream chose one", () => {
    const result = compileGraph(pipeline({}), catalog, { datasetSchemas });
    expect(result.diagnostics).toEqual([expect.objectContaining({ nodeId: "model", param: "target", code: "missing-target" })]);
  });

  it("fills an empty target from a LabeledTable upstream and writes it into the spec", () => {
    const graph = pipeline({});
    graph.nodes.push({ id: "label", kind: "set-target", params: { target: "species" } });
    graph.edges = [
      { source: "load", sourceHandle: "table", target: "label", targetHandle: "table" },
      { source: "label", sourceHandle: "table", target: "split", targetHandle: "table" },
      ...graph.edges!.slice(1),
    ];
    const result = compileGraph(graph, catalog, { datasetSchemas });
    expect(result.diagnostics).toEqual([]);
    if (!result.ok) return;
    expect(result.spec.nodes.find((node) => node.id === "model")!.params["target"]).toBe("species");
    expect(result.schemas["label"]!["table"]).toMatchObject({ type: "LabeledTable", table: { target: "species" } });
  });

  it("flags regression on a category target and the target used as a feature", () => {
    const result = compileGraph(pipeline({ target: "species", task: "regression", features: ["island", "species"] }), catalog, { datasetSchemas });
    const found = result.diagnostics.map((d) => `${d.param}:${d.code}`);
    expect(found).toEqual(["target:invalid-column-type", "features.1:invalid-param"]);
  });

  it("checks a filter expression's columns and syntax at compile time", () => {
    const graph = pipeline({ target: "species" });
    graph.nodes.push({ id: "filter", kind: "filter-rows", params: { expression: "bill_length > 3" } });
    graph.edges!.push({ source: "load", sourceHandle: "table", target: "filter", targetHandle: "table" });
    const unknown = compileGraph(graph, catalog, { datasetSchemas });
    expect(unknown.diagnostics).toEqual([expect.objectContaining({ nodeId: "filter", param: "expression", code: "unknown-column" })]);
    graph.nodes[4] = { id: "filter", kind: "filter-rows", params: { expression: "bill_length_mm >" } };
    const syntax = compileGraph(graph, catalog, { datasetSchemas });
    expect(syntax.diagnostics).toEqual([expect.objectContaining({ nodeId: "filter", param: "expression", code: "invalid-param" })]);
  });

  it("leaves columns unchecked when the dataset schema is not known yet", () => {
    const result = compileGraph(pipeline({ target: "anything" }), catalog);
    expect(result.ok).toBe(true);
    expect(result.schemas["split"]!["split"]).toBeUndefined();
  });

  it("flags a Load type override for a column the dataset lacks", () => {
    const graph = pipeline({ target: "species" });
    graph.nodes[0] = { id: "load", kind: "load", params: { dataset: "sample:penguins", columnTypes: [{ column: "yr", type: "category" }] } };
    const result = compileGraph(graph, catalog, { datasetSchemas });
    expect(result.diagnostics).toEqual([expect.objectContaining({ nodeId: "load", param: "columnTypes.0.column", code: "unknown-column" })]);
  });
});
