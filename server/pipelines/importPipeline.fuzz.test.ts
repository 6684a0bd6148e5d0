import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectClearOutcome, FUZZ_RUNS, mutated } from "@/pipeline/testing/clearOutcome";
import { importPipelineDocument } from "./importPipeline";

const exampleDir = new URL("../../examples/", import.meta.url);
const examples = readdirSync(exampleDir)
  .filter((name) => name.endsWith(".json"))
  .map((name) => readFileSync(new URL(name, exampleDir), "utf8"));

/** The import dialog's path: the file's text as JSON, then the document as a spec or a canvas graph. */
function importText(text: string): void {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return; // the dialog reports "not JSON" itself
  }
  const imported = importPipelineDocument(document);
  if (!imported.ok) expect(imported.message.trim()).not.toBe("");
}

const graphShaped = fc.record({
  nodes: fc.array(
    fc.record({
      id: fc.string({ maxLength: 5 }),
      kind: fc.constantFrom("load", "split", "mlp", "nope"),
      params: fc.jsonValue({ maxDepth: 3 }),
      position: fc.record({ x: fc.double(), y: fc.double() }),
    }),
    { maxLength: 6 },
  ),
  edges: fc.array(
    fc.record({
      id: fc.string({ maxLength: 3 }),
      source: fc.string({ maxLength: 5 }),
      sourceHandle: fc.string({ maxLength: 5 }),
      target: fc.string({ maxLength: 5 }),
      targetHandle: fc.string({ maxLength: 5 }),
    }),
    { maxLength: 6 },
  ),
});

describe("pipeline import answers any file with a graph or a clear message, never a crash or hang", () => {
  it("damaged example specs, graph-shaped documents and random JSON", async () => {
    const damaged = fc.constantFrom(...examples).chain((text) => mutated(new TextEncoder().encode(text)));
    await fc.assert(
      fc.asyncProperty(damaged, (bytes) => expectClearOutcome(() => importText(new TextDecoder().decode(bytes)))),
      FUZZ_RUNS,
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(graphShaped, fc.jsonValue({ maxDepth: 5 })), (document) => expectClearOutcome(() => importText(JSON.stringify(document)))),
      FUZZ_RUNS,
    );
  }, 120_000);
});
