import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, it } from "vitest";
import { parseDataset } from "./dataset-format";
import { expectClearOutcome, FUZZ_RUNS, mutated, randomBytes } from "../../testing/clearOutcome";
import { parseCsvRecords } from "./csv";
import { writeParquetTestFile } from "../../testing/parquetTestFile";
import { readCsv } from "./read-csv";
import { readJson } from "./read-json";
import { readParquet } from "./read-parquet";

const encode = (text: string) => new TextEncoder().encode(text);
const iris = readFileSync(new URL("../../../public/datasets/iris.csv", import.meta.url), "utf8")
  .split("\n")
  .slice(0, 30)
  .join("\n");
const validCsv = encode(`${iris}\n"quoted, with comma",1\n"multi\nline",2\n`);
const validJson = encode(
  JSON.stringify([
    { a: 1, b: "x", c: null, d: { nested: [1, 2] } },
    { a: 2.5, b: "y", e: true },
    { a: -3, b: "z" },
  ]),
);
const validJsonLines = encode('{"a":1,"b":"x"}\n{"a":2,"b":null}\n\n{"c":[1,{"d":2}]}\n');
const validParquet = writeParquetTestFile([
  { name: "id", type: "INT32", values: [1, 2, null, 4] },
  { name: "score", type: "DOUBLE", values: [0.5, null, 2.25, -1] },
  { name: "ok", type: "BOOLEAN", values: [true, false, null, true] },
  { name: "name", type: "UTF8", values: ["a", "b", null, "dé"] },
  { name: "day", type: "DATE", values: [0, 19000, null, 1] },
]);

const text = fc.string({ unit: "binary", maxLength: 2000 });
const csvLike = fc
  .array(fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('"', '""', ",", "\n", "\r\n", ";", "\t", "NaN", "1e999", "")), { maxLength: 8 }), {
    maxLength: 30,
  })
  .map((rows) => rows.map((cells) => cells.join(",")).join("\n"));

describe("dataset parsers answer any input with a table or a clear error, never a crash or hang", () => {
  it("CSV: random text, CSV-shaped text and damaged CSV files", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(text, csvLike), (input) => expectClearOutcome(() => readCsv(input))),
      FUZZ_RUNS,
    );
    await fc.assert(
      fc.asyncProperty(mutated(validCsv), (bytes) => expectClearOutcome(() => readCsv(bytes))),
      FUZZ_RUNS,
    );
    await fc.assert(
      fc.asyncProperty(randomBytes, fc.constantFrom<"," | ";" | "\t" | "|">(",", ";", "\t", "|"), (bytes, delimiter) =>
        expectClearOutcome(() => parseCsvRecords(bytes, { delimiter })),
      ),
      FUZZ_RUNS,
    );
  }, 120_000);

  it("JSON and JSON Lines: random values, random text and damaged files", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), (value) => expectClearOutcome(() => readJson(JSON.stringify(value)))),
      FUZZ_RUNS,
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 20 }), (values) =>
        expectClearOutcome(() => readJson(values.map((v) => JSON.stringify(v)).join("\n"))),
      ),
      FUZZ_RUNS,
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated(validJson), mutated(validJsonLines), randomBytes), (bytes) => expectClearOutcome(() => readJson(bytes))),
      FUZZ_RUNS,
    );
  }, 120_000);

  it("JSON nested far deeper than any table: a clear error, not a stack overflow", async () => {
    const deep = (n: number) => `[${"[".repeat(n)}${"]".repeat(n)}]`;
    await expectClearOutcome(() => readJson(deep(100_000)));
    await expectClearOutcome(() => readJson(`[{"a":${'{"b":'.repeat(100_000)}1${"}".repeat(100_000)}}]`));
  }, 60_000);

  it("Parquet: random bytes, bytes behind the magic number and damaged files", async () => {
    const withMagic = randomBytes.map((bytes) => Uint8Array.from([0x50, 0x41, 0x52, 0x31, ...bytes, 0x50, 0x41, 0x52, 0x31]));
    await fc.assert(
      fc.asyncProperty(fc.oneof(randomBytes, withMagic, mutated(validParquet)), (bytes) => expectClearOutcome(() => readParquet(bytes))),
      FUZZ_RUNS,
    );
  }, 120_000);

  it("format detection: any bytes under any file name", async () => {
    const names = fc.constantFrom("data.csv", "data.json", "data.jsonl", "data.parquet", "data.txt", "data", "DATA.PARQUET?x=1");
    await fc.assert(
      fc.asyncProperty(names, fc.oneof(randomBytes, mutated(validCsv), mutated(validParquet), mutated(validJson)), (name, bytes) =>
        expectClearOutcome(() => parseDataset(name, bytes, "auto")),
      ),
      FUZZ_RUNS,
    );
  }, 120_000);
});
