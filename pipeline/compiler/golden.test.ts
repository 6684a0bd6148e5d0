import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fileDatasets } from "../cli/fileDatasets";
import { catalog } from "../nodes/catalog";
import { readDatasetSchemas } from "../runtime/datasetSchemas";
import { canonicalJson } from "../spec/canonicalJson";
import { loadSpec } from "../spec/jsonSchema";
import type { PipelineSpec } from "../spec/spec";
import { checkSpec } from "./checkSpec";

/**
 * Golden specs: every file in examples/ compiles (as `vajra validate` checks it, with the
 * sample datasets' schemas) to the spec checked in under golden/, byte for byte. A change
 * to the compiler or to a node's params that alters what an existing pipeline compiles to
 * shows up here as a diff to review, not silently in users' runs.
 */
const EXAMPLES_DIRECTORY = fileURLToPath(new URL("../../examples/", import.meta.url));
const GOLDEN_DIRECTORY = fileURLToPath(new URL("./golden/", import.meta.url));
const REGENERATE = "UPDATE_GOLDEN=1 npx vitest run pipeline/compiler/golden.test.ts";
const updating = process.env["UPDATE_GOLDEN"] === "1";

const examples = readdirSync(EXAMPLES_DIRECTORY)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => name.slice(0, -".json".length));

/** Canonical JSON (sorted keys, no undefined), indented so a changed golden reads as a line diff. */
function goldenText(spec: PipelineSpec): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(spec)), null, 2)}\n`;
}

async function compileExample(name: string): Promise<PipelineSpec> {
  const loaded = loadSpec(JSON.parse(readFileSync(`${EXAMPLES_DIRECTORY}${name}.json`, "utf8")));
  if (!loaded.ok) throw new Error(`examples/${name}.json does not load: ${JSON.stringify(loaded.diagnostics)}`);
  const { schemas, failures } = await readDatasetSchemas(loaded.spec, fileDatasets(EXAMPLES_DIRECTORY), { catalog });
  if (failures.length > 0) throw new Error(`examples/${name}.json: datasets unreadable: ${JSON.stringify(failures)}`);
  const checked = checkSpec(loaded.spec, catalog, { datasetSchemas: schemas });
  if (!checked.ok) throw new Error(`examples/${name}.json does not compile: ${JSON.stringify(checked.diagnostics)}`);
  return checked.spec;
}

describe("every example compiles to its checked-in golden spec", () => {
  it.each(examples)("%s", async (name) => {
    const actual = goldenText(await compileExample(name));
    const path = `${GOLDEN_DIRECTORY}${name}.spec.json`;
    if (updating) {
      mkdirSync(GOLDEN_DIRECTORY, { recursive: true });
      writeFileSync(path, actual);
      return;
    }
    if (!existsSync(path)) expect.fail(`pipeline/compiler/golden/${name}.spec.json is missing; write it with: ${REGENERATE}`);
    expect(actual, `examples/${name}.json no longer compiles to its golden spec; if the change is intended, regenerate with: ${REGENERATE}`).toBe(
      readFileSync(path, "utf8"),
    );
  });

  it("has no golden spec left over from a removed example", () => {
    const goldens = existsSync(GOLDEN_DIRECTORY) ? readdirSync(GOLDEN_DIRECTORY).filter((name) => name.endsWith(".spec.json")) : [];
    const orphans = goldens.filter((name) => !examples.includes(name.slice(0, -".spec.json".length)));
    expect(orphans, `golden specs without an example in examples/; delete them`).toEqual([]);
  });
});
