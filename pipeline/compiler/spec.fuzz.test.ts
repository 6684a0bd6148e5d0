import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalog, listNodes } from "../nodes/catalog";
import { expectClearOutcome, FUZZ_RUNS, mutated } from "../testing/clearOutcome";
import { checkSpec } from "./checkSpec";
import { compileGraph } from "./compile";
import { loadSpec } from "../spec/jsonSchema";

const exampleDir = new URL("../../examples/", import.meta.url);
const examples = readdirSync(exampleDir)
  .filter((name) => name.endsWith(".json"))
  .map((name) => readFileSync(new URL(name, exampleDir), "utf8"));

/** Loads and checks a spec document as `vajra validate` and the import dialog do. */
function loadAndCheck(document: unknown): void {
  const loaded = loadSpec(document);
  if (!loaded.ok) {
    expect(loaded.diagnostics.length).toBeGreaterThan(0);
    for (const d of loaded.diagnostics) expect(d.message.trim()).not.toBe("");
    return;
  }
  const result = checkSpec(loaded.spec, catalog);
  if (!result.ok) for (const d of result.diagnostics) expect(d.message.trim()).not.toBe("");
}

/** A JSON value with one subtree replaced by another value: a spec that parses as JSON but is wrong in one place. */
function withReplacement(document: unknown, replacement: unknown, pick: number): unknown {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (typeof value === "object" && value !== null) for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(document, []);
  const path = paths[pick % paths.length]!;
  if (path.length === 0) return replacement;
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = replacement;
  return copy;
}

const example = fc.constantFrom(...examples);
const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(null, -1, 1e308, "", "load", "__proto__", "constructor", { node: "load", output: "table" }, { node: "nowhere", output: "x" }, [], {}),
);

describe("pipeline specs answer any document with diagnostics or a clear error, never a crash or hang", () => {
  it("random JSON documents", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), (document) => expectClearOutcome(() => loadAndCheck(document))),
      FUZZ_RUNS,
    );
  }, 120_000);

  it("example specs with one value anywhere replaced (params, inputs, ids, versions)", async () => {
    await fc.assert(
      fc.asyncProperty(example, oddValue, fc.nat(), (text, replacement, pick) =>
        expectClearOutcome(() => loadAndCheck(withReplacement(JSON.parse(text), replacement, pick))),
      ),
      FUZZ_RUNS,
    );
  }, 120_000);

  it("example spec files damaged as bytes", async () => {
    const damaged = example.chain((text) => mutated(new TextEncoder().encode(text)));
    await fc.assert(
      fc.asyncProperty(damaged, (bytes) =>
        expectClearOutcome(() => {
          let document: unknown;
          try {
            document = JSON.parse(new TextDecoder().decode(bytes));
          } catch {
            return; // not JSON at all: the caller's JSON.parse says so
          }
          loadAndCheck(document);
        }),
      ),
      FUZZ_RUNS,
    );
  }, 120_000);

  it("random canvas graphs: real node kinds wired at random, with random params", async () => {
    const nodes = listNodes();
    const ports = nodes.flatMap((n) => [...n.inputs, ...n.outputs].map((p) => p.name));
    const columnish = fc.constantFrom("species", "sepal_length_cm", "label", "", "missing column", "x > 1 and", "sample:iris", "dataset:nope");
    const params = fc.dictionary(
      fc.constantFrom(
        "dataset",
        "target",
        "features",
        "expression",
        "train",
        "test",
        "seed",
        "method",
        "columns",
        "model",
        "weights",
        "textColumn",
        "epochs",
        "searchSpace",
      ),
      fc.oneof(columnish, fc.jsonValue({ maxDepth: 3 })),
      { maxKeys: 5 },
    );
    const graph = fc.integer({ min: 1, max: 7 }).chain((count) =>
      fc.record({
        nodes: fc.tuple(
          ...Array.from({ length: count }, (_, i) => fc.record({ id: fc.constant(`n${i}`), kind: fc.constantFrom(...nodes.map((n) => n.kind)), params })),
        ),
        edges: fc.array(
          fc.record({
            source: fc.nat({ max: count - 1 }).map((i) => `n${i}`),
            sourceHandle: fc.constantFrom(...ports),
            target: fc.nat({ max: count - 1 }).map((i) => `n${i}`),
            targetHandle: fc.constantFrom(...ports),
          }),
          { maxLength: count * 2 },
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(graph, (g) =>
        expectClearOutcome(() => {
          const result = compileGraph(g, catalog);
          if (!result.ok) for (const d of result.diagnostics) expect(d.message.trim()).not.toBe("");
        }),
      ),
      FUZZ_RUNS,
    );
  }, 120_000);

  it("params nested thousands of levels deep, and inputs that form a cycle", async () => {
    const spec = JSON.parse(examples[0]!) as { nodes: { params: Record<string, unknown>; inputs: Record<string, unknown> }[] };
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const nested = structuredClone(spec);
    nested.nodes[0]!.params["deep"] = deep;
    await expectClearOutcome(() => loadAndCheck(nested));
    const cyclic = structuredClone(spec);
    cyclic.nodes[0]!.inputs["table"] = { node: "split", output: "split" };
    await expectClearOutcome(() => loadAndCheck(cyclic));
    await expectClearOutcome(() => compileGraph({ nodes: [{ id: "a", kind: "load", params: { deep } }], edges: [] }, catalog));
  }, 60_000);
});
