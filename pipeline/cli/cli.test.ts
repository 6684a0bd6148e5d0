import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "bin/vajra.mjs");

async function vajra(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function writeSpec(directory: string, name: string, spec: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify(spec));
  return path;
}

const workDirectory = mkdtempSync(join(tmpdir(), "vajra-cli-"));

describe("vajra CLI", () => {
  it("prints the spec JSON Schema", async () => {
    const { code, stdout } = await vajra("schema");
    expect(code).toBe(0);
    const schema = JSON.parse(stdout);
    expect(schema.$id).toMatch(/pipeline-spec\/v1\.json$/);
    expect(schema.properties.specVersion).toEqual({ type: "number", const: 1 });
    expect(schema.required).toEqual(["specVersion", "nodes"]);
    const split = schema.properties.nodes.items.allOf.find(
      (rule: { if: { properties: { kind: { const: string } } } }) => rule.if.properties.kind.const === "split",
    );
    expect(split.then.properties.params.properties.stratify).toMatchObject({ type: "string", column: "single" });
  });

  it("lists the catalog with params and column markers", async () => {
    const { code, stdout } = await vajra("nodes", "--json");
    expect(code).toBe(0);
    const nodes = JSON.parse(stdout) as { kind: string; paramsJsonSchema: { properties: Record<string, { column?: string }> } }[];
    const kinds = nodes.map((node) => node.kind);
    expect(kinds).toEqual(expect.arrayContaining(["load", "split", "gradient-boosting", "evaluate", "predict"]));
    expect(nodes.find((node) => node.kind === "gradient-boosting")!.paramsJsonSchema.properties["target"]!.column).toBe("single");
    const text = await vajra("nodes");
    expect(text.stdout).toContain("split v2 — Train / test split [Split]");
  });

  it("validates a good spec with exit code 0", async () => {
    const { code, stdout } = await vajra("validate", "examples/iris.json");
    expect(code).toBe(0);
    expect(stdout).toContain("OK: 6 nodes");
  });

  it("reports every problem of a bad spec per node and param, with exit code 1", async () => {
    const path = writeSpec(workDirectory, "bad.json", {
      specVersion: 1,
      nodes: [
        { id: "load", kind: "load", version: 1, params: { dataset: "sample:iris" }, inputs: {} },
        { id: "split", kind: "split", version: 1, params: { train: 0.9, test: 0.3 }, inputs: { table: { node: "load", output: "table" } } },
        { id: "clean", kind: "drop-columns", version: 1, params: { columns: ["sepal_width"] }, inputs: { table: { node: "load", output: "table" } } },
        { id: "model", kind: "gradient-boosting", version: 1, params: { target: "Species" }, inputs: { data: { node: "load", output: "table" } } },
      ],
    });
    const { code, stdout } = await vajra("validate", path, "--json");
    expect(code).toBe(1);
    const { diagnostics } = JSON.parse(stdout) as { diagnostics: { nodeId: string; code: string; param?: string; port?: string }[] };
    expect(diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nodeId: "split", code: "invalid-param", param: "test" }),
        expect.objectContaining({ nodeId: "clean", code: "unknown-column", param: "columns.0" }),
        expect.objectContaining({ nodeId: "model", code: "type-mismatch", port: "data" }),
      ]),
    );
    const text = await vajra("validate", path);
    expect(text.stdout).toContain('node clean, param columns.0: [unknown-column] Column "sepal_width" does not exist');
  });

  it("reports a cycle in a canvas graph file", async () => {
    const path = writeSpec(workDirectory, "cycle.json", {
      nodes: [
        { id: "a", kind: "drop-missing", params: {} },
        { id: "b", kind: "drop-duplicates", params: {} },
      ],
      edges: [
        { source: "a", sourceHandle: "table", target: "b", targetHandle: "table" },
        { source: "b", sourceHandle: "table", target: "a", targetHandle: "table" },
      ],
    });
    const { code, stdout } = await vajra("validate", path);
    expect(code).toBe(1);
    expect(stdout).toContain("node a: [cycle]");
    expect(stdout).toContain("node b: [cycle]");
  });

  it("runs a spec reading a dataset relative to the spec file and prints metrics as JSON", async () => {
    const rows = ["x,y,label"];
    for (let i = 0; i < 60; i++) rows.push(`${i % 7},${(i * 3) % 11},${i % 7 > 3 ? "high" : "low"}`);
    writeFileSync(join(workDirectory, "data.csv"), rows.join("\n"));
    const path = writeSpec(workDirectory, "relative.json", {
      specVersion: 1,
      nodes: [
        { id: "load", kind: "load", version: 1, params: { dataset: "data.csv" }, inputs: {} },
        {
          id: "split",
          kind: "split",
          version: 1,
          params: { train: 0.75, test: 0.25, stratify: "label" },
          inputs: { table: { node: "load", output: "table" } },
        },
        {
          id: "model",
          kind: "gradient-boosting",
          version: 1,
          params: { target: "label", maxIterations: 10, minSamplesLeaf: 2 },
          inputs: { data: { node: "split", output: "split" } },
        },
        {
          id: "score",
          kind: "evaluate",
          version: 1,
          params: {},
          inputs: { model: { node: "model", output: "model" }, data: { node: "split", output: "split" } },
        },
      ],
    });
    const { code, stdout, stderr } = await vajra("run", path, "--json");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { status: string; metrics: Record<string, { rows: number; values: Record<string, number> }> };
    expect(result.status).toBe("succeeded");
    expect(result.metrics["score"]!.rows).toBe(15);
    expect(result.metrics["score"]!.values["accuracy"]).toBe(1);
    expect(stderr).toContain("✔ model");
  });

  it("runs user code (a Custom code node) in the process sandbox", async () => {
    const path = writeSpec(workDirectory, "custom.json", {
      specVersion: 1,
      nodes: [
        { id: "load", kind: "load", version: 1, params: { dataset: "sample:iris" }, inputs: {} },
        {
          id: "wide",
          kind: "custom-code",
          version: 1,
          params: { functionName: "keepWide", code: "function keepWide(t) { return t.rows().filter((r) => r.sepal_width_cm > 3); }" },
          inputs: { table: { node: "load", output: "table" } },
        },
        {
          id: "split",
          kind: "split",
          version: 1,
          params: { train: 0.7, test: 0.3, stratify: "species" },
          inputs: { table: { node: "wide", output: "table" } },
        },
        {
          id: "model",
          kind: "gradient-boosting",
          version: 1,
          params: { target: "species", maxIterations: 10 },
          inputs: { data: { node: "split", output: "split" } },
        },
        {
          id: "score",
          kind: "evaluate",
          version: 1,
          params: {},
          inputs: { model: { node: "model", output: "model" }, data: { node: "split", output: "split" } },
        },
      ],
    });
    const { code, stdout, stderr } = await vajra("run", path, "--json");
    expect(stderr).toContain("✔ wide");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { metrics: Record<string, { rows: number }> };
    // 67 of iris's 150 flowers have sepals wider than 3 cm; 30% of them are scored.
    expect(result.metrics["score"]!.rows).toBe(Math.round(67 * 0.3));
  });

  it("fails a run with the failing node and exit code 1", async () => {
    const path = writeSpec(workDirectory, "missing.json", {
      specVersion: 1,
      nodes: [{ id: "load", kind: "load", version: 1, params: { dataset: "nowhere.csv" }, inputs: {} }],
    });
    const { code, stderr } = await vajra("run", path);
    expect(code).toBe(1);
    expect(stderr).toContain("node load: Dataset file not found");
  });

  describe("a spec exported from a project that reads an uploaded dataset", () => {
    const churn = ["tenure,charges,churned"];
    for (let i = 0; i < 40; i++) churn.push(`${i},${(i * 7) % 13},${i % 3 === 0 ? "yes" : "no"}`);
    const exported = (dataset: string) =>
      writeSpec(workDirectory, `exported-${dataset.replace(/\W/g, "_")}.json`, {
        specVersion: 1,
        nodes: [{ id: "load", kind: "load", version: 1, params: { dataset }, inputs: {} }],
      });

    it("says how to give the file when none is given", async () => {
      const { code, stderr } = await vajra("run", exported("dataset:churn"));
      expect(code).toBe(1);
      expect(stderr).toContain('Dataset "churn" is in the Vajra project; pass --dataset churn=path/to/churn.csv');
    });

    it("reads it from --dataset name=path, for a name, a pinned version and a bare name", async () => {
      const file = join(workDirectory, "churn-download.csv");
      writeFileSync(file, churn.join("\n"));
      for (const reference of ["dataset:churn", "dataset:churn@2", "churn"]) {
        const { code, stderr } = await vajra("run", exported(reference), "--dataset", `churn=${file}`);
        expect(code, stderr).toBe(0);
        expect(stderr).toContain(`Loaded 40 rows × 3 columns from ${reference}`);
      }
      const validated = await vajra("validate", exported("dataset:churn"), `--dataset=churn=${file}`);
      expect(validated.stdout).toContain("OK: 1 nodes");
    });

    it("names the flag when its file is missing, and refuses a flag without a path", async () => {
      const missing = await vajra("run", exported("dataset:churn"), "--dataset", "churn=/nowhere/churn.csv");
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("Dataset file not found: /nowhere/churn.csv (given by --dataset churn=/nowhere/churn.csv)");
      const malformed = await vajra("run", exported("dataset:churn"), "--dataset", "churn");
      expect(malformed.code).toBe(2);
      expect(malformed.stderr).toContain('--dataset wants <name>=<path>, got "churn"');
    });
  });

  it("rejects specs from a future version", async () => {
    const path = writeSpec(workDirectory, "future.json", { specVersion: 99, nodes: [] });
    const { code, stdout } = await vajra("validate", path);
    expect(code).toBe(1);
    expect(stdout).toContain("specVersion 99 is newer");
  });
});
