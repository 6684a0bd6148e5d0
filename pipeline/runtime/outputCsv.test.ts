import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCsv } from "../ml/table/read-csv";
import type { PipelineSpec } from "../spec/spec";
import { MemoryArtifactCache } from "./artifactCache";
import { inMemoryDatasets } from "./datasets";
import { outputCsv } from "./outputCsv";

const iris = readFileSync(new URL("../../public/datasets/iris.csv", import.meta.url), "utf8");
const hostile = 'name,value\n=HYPERLINK("http://x"),1\nplain,2\n';
const spec: PipelineSpec = {
  specVersion: 1,
  nodes: [
    { id: "load", kind: "load", version: 1, params: { dataset: "sample:iris" }, inputs: {} },
    { id: "hostile", kind: "load", version: 1, params: { dataset: "sample:hostile" }, inputs: {} },
    {
      id: "split",
      kind: "split",
      version: 1,
      params: { train: 0.6, validation: 0.2, test: 0.2, seed: 1 },
      inputs: { table: { node: "load", output: "table" } },
    },
  ],
};
const options = { datasets: inMemoryDatasets({ "sample:iris": iris, "sample:hostile": hostile }), cache: new MemoryArtifactCache() };

describe("outputCsv", () => {
  it("writes every row of a table, not only the previewed ones, and reads back the same", async () => {
    const result = await outputCsv(spec, "load", "table", undefined, options);
    if (!result.ok) throw new Error(result.message);
    expect(result.fileName).toBe("load-table.csv");
    const back = readCsv(new TextEncoder().encode(result.csv));
    expect(back.rowCount).toBe(150);
    expect(result.csv.split("\n")[1]).toBe("5.1,3.5,1.4,0.2,setosa");
  });

  it("writes the chosen part of a split, and asks which part when none is named", async () => {
    const test = await outputCsv(spec, "split", "split", "test", options);
    if (!test.ok) throw new Error(test.message);
    expect(test.fileName).toBe("split-split-test.csv");
    expect(readCsv(new TextEncoder().encode(test.csv)).rowCount).toBe(30);
    expect(await outputCsv(spec, "split", "split", undefined, options)).toEqual({ ok: false, message: "Choose which part of the split to download." });
  });

  it("neutralises cells a spreadsheet would run as formulas", async () => {
    const result = await outputCsv(spec, "hostile", "table", undefined, options);
    if (!result.ok) throw new Error(result.message);
    expect(result.csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});
