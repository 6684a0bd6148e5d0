import { describe, expect, it } from "vitest";
import { z } from "zod";
import { listNodes } from "@/pipeline/nodes/catalog";
import { fieldsFromSchema, humanize } from "./paramFields";

describe("the inspector form generator", () => {
  it("builds a form for every node kind's params, with a field per param", () => {
    for (const node of listNodes()) {
      const properties = Object.keys((node.paramsJsonSchema["properties"] as object | undefined) ?? {});
      const fields = fieldsFromSchema(node.paramsJsonSchema);
      expect(
        fields.map((f) => f.key),
        node.kind,
      ).toEqual(properties);
      for (const field of fields) {
        expect(field.label.length, `${node.kind}.${field.key}`).toBeGreaterThan(0);
        if (field.kind === "list") expect(field.itemFields.length).toBeGreaterThan(0);
      }
    }
  });

  it("offers column pickers for column params and keeps their port", () => {
    const byKind = new Map(listNodes().map((n) => [n.kind, fieldsFromSchema(n.paramsJsonSchema)]));
    expect(byKind.get("gradient-boosting")?.find((f) => f.key === "target")).toMatchObject({ kind: "column" });
    expect(byKind.get("gradient-boosting")?.find((f) => f.key === "features")).toMatchObject({ kind: "columns" });
    expect(byKind.get("evaluate")?.find((f) => f.key === "sliceBy")).toMatchObject({ kind: "column", port: "data", required: false });
    expect(byKind.get("cast-columns")?.find((f) => f.key === "casts")).toMatchObject({
      kind: "list",
      itemFields: [
        { key: "column", kind: "column" },
        { key: "type", kind: "enum", options: ["number", "integer", "boolean", "date", "category", "text"] },
      ],
    });
  });

  it("edits the tuner's search space as rows over the hyperparameters of the model its `model` param names", () => {
    const fields = fieldsFromSchema(listNodes().find((n) => n.kind === "tuner")!.paramsJsonSchema);
    expect(fields.find((f) => f.key === "searchSpace")).toMatchObject({ kind: "searchSpace", modelParam: "model", required: false });
    expect(fields.find((f) => f.key === "model")).toMatchObject({ kind: "enum", defaultValue: "gradient-boosting" });
  });

  it("edits source code params in a code field", () => {
    const fields = fieldsFromSchema(listNodes().find((n) => n.kind === "custom-code")!.paramsJsonSchema);
    expect(fields.find((f) => f.key === "code")).toMatchObject({ kind: "code", mediaType: "text/javascript", required: true });
    expect(fields.find((f) => f.key === "functionName")).toMatchObject({ kind: "text", required: true });
  });

  it("maps zod types to inputs with bounds, defaults and descriptions", () => {
    const schema = z.object({
      rate: z.number().min(0.001).max(1).default(0.1).describe("Step size"),
      depth: z.number().int().min(1),
      shuffle: z.boolean().default(true),
      mode: z.enum(["fast", "exact"]),
      note: z.string().optional(),
      tags: z.array(z.string()).default([]),
      expectations: z.array(z.union([z.object({ a: z.string() }), z.object({ b: z.number() })])),
    });
    const fields = fieldsFromSchema(z.toJSONSchema(schema, { io: "input" }) as Record<string, unknown>);
    expect(fields).toEqual([
      { key: "rate", label: "Rate", kind: "number", integer: false, min: 0.001, max: 1, required: false, defaultValue: 0.1, description: "Step size" },
      { key: "depth", label: "Depth", kind: "number", integer: true, min: 1, required: true },
      { key: "shuffle", label: "Shuffle", kind: "boolean", required: false, defaultValue: true },
      { key: "mode", label: "Mode", kind: "enum", options: ["fast", "exact"], required: true },
      { key: "note", label: "Note", kind: "text", required: false },
      { key: "tags", label: "Tags", kind: "strings", required: false, defaultValue: [] },
      { key: "expectations", label: "Expectations", kind: "json", required: true },
    ]);
  });

  it("names a tuner's model kinds by their titles, defaulting to gradient-boosted trees", () => {
    const fields = fieldsFromSchema(listNodes().find((n) => n.kind === "tuner")!.paramsJsonSchema);
    const model = fields.find((f) => f.key === "model");
    expect(model).toMatchObject({ kind: "enum", required: false, defaultValue: "gradient-boosting" });
    expect(model?.kind === "enum" && model.optionLabels?.["gradient-boosting"]).toBe("Gradient boosted trees");
    expect(model?.kind === "enum" && model.optionLabels?.["logistic-regression"]).toMatch(/logistic/i);
  });

  it("humanizes param names", () => {
    expect(humanize("maxIterations")).toBe("Max iterations");
    expect(humanize("learning_rate")).toBe("Learning rate");
  });
});
