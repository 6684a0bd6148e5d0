import { z } from "zod";
import { describe, expect, it } from "vitest";
import { createSpecLoader, loadSpec, pipelineSpecJsonSchema } from "./jsonSchema";

describe("spec JSON Schema and loader", () => {
  it("publishes a JSON Schema describing nodes with kind, version, params and inputs", () => {
    const schema = pipelineSpecJsonSchema() as { properties: { nodes: { items: { required: string[] } } } };
    expect(schema.properties.nodes.items.required).toEqual(["id", "kind", "version", "params", "inputs"]);
  });

  it("loads a current spec and rejects malformed ones with messages", () => {
    const ok = loadSpec({ specVersion: 1, nodes: [{ id: "a", kind: "load", version: 1, params: {}, inputs: {} }] });
    expect(ok).toMatchObject({ ok: true });
    const bad = loadSpec({ specVersion: 1, nodes: [{ id: "a", kind: "load", params: {}, inputs: {} }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.diagnostics[0]!.message).toMatch(/^nodes\.0\.version/);
    expect(loadSpec([]).ok).toBe(false);
    expect(loadSpec({ nodes: [] }).ok).toBe(false);
  });

  it("upgrades old versions step by step through the upgrade table", () => {
    // A hypothetical v3 world: v1 named inputs "from", v2 renamed the field "steps" to "nodes".
    const v3 = z.object({ specVersion: z.literal(3), nodes: z.array(z.object({ id: z.string(), inputs: z.record(z.string(), z.string()) })) });
    const load = createSpecLoader({
      currentVersion: 3,
      schema: v3,
      upgrades: {
        1: (doc) => ({ ...doc, steps: (doc["steps"] as { id: string; from: Record<string, string> }[]).map((s) => ({ id: s.id, inputs: s.from })) }),
        2: ({ steps, ...rest }) => ({ ...rest, nodes: steps }),
      },
    });
    const result = load({ specVersion: 1, steps: [{ id: "a", from: { table: "b" } }] });
    expect(result).toEqual({ ok: true, upgradedFrom: 1, spec: { specVersion: 3, nodes: [{ id: "a", inputs: { table: "b" } }] } });
    const missingStep = createSpecLoader({ currentVersion: 3, schema: v3, upgrades: { 2: (doc) => doc } })({ specVersion: 1 });
    expect(missingStep.ok).toBe(false);
  });
});
