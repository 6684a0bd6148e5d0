import { describe, expect, it } from "vitest";
import { writeParquetTestFile } from "@/pipeline/testing/parquetTestFile";
import { csvHeaderProblem, jsonColumnsProblem, MAX_DATASET_COLUMNS, MAX_DATASET_ROWS, parquetColumnsProblem } from "./datasetLimits";

const encode = (text: string) => new TextEncoder().encode(text);
const names = (count: number) => Array.from({ length: count }, (_, i) => `c${i}`);
const row = (keys: string[]) => `{${keys.map((k) => `"${k}":1`).join(",")}}`;

describe("column counts on the raw bytes, before parsing", () => {
  it("counts a CSV header's fields, whatever the delimiter, ignoring delimiters in quotes", () => {
    expect(csvHeaderProblem(encode(`${names(MAX_DATASET_COLUMNS).join(",")}\n1\n`))).toBeNull();
    expect(csvHeaderProblem(encode(`${names(MAX_DATASET_COLUMNS + 1).join(";")}\n`))).toContain("more than 2,000 columns");
    expect(csvHeaderProblem(encode(`"${",".repeat(5000)}",b\n1,2\n`))).toBeNull();
    // Only the header counts: a long data row is the parser's to refuse.
    expect(csvHeaderProblem(encode(`a,b\n${",".repeat(5000)}\n`))).toBeNull();
  });

  it("counts the distinct keys of JSON rows (array or JSON Lines), not nested keys or string values", () => {
    expect(jsonColumnsProblem(encode(`[${row(names(MAX_DATASET_COLUMNS))},${row(names(10))}]`))).toBeNull();
    expect(jsonColumnsProblem(encode(`[${row(names(1500))},${row(names(MAX_DATASET_COLUMNS + 1).slice(1500))}]`))).toContain("more than 2,000 columns");
    expect(jsonColumnsProblem(encode(`${row(names(1000))}\n${row(names(MAX_DATASET_COLUMNS + 1))}\n`))).toContain("more than 2,000");
    const nested = `[{"a":${row(names(5000))},"b":"${names(5000).join(",")}","c":[${names(5000)
      .map((n) => `"${n}"`)
      .join(",")}]}]`;
    expect(jsonColumnsProblem(encode(nested))).toBeNull();
    expect(jsonColumnsProblem(encode(`[{"k\\"ey":1,"x":"}{,\\"y\\":"}]`))).toBeNull();
  });

  it("reads a Parquet file's column count from its footer", () => {
    const file = (count: number) => writeParquetTestFile(names(count).map((name) => ({ name, type: "INT32" as const, values: [1] })));
    expect(parquetColumnsProblem(file(MAX_DATASET_COLUMNS))).toBeNull();
    expect(parquetColumnsProblem(file(MAX_DATASET_COLUMNS + 1))).toBe(
      `The file has 2,001 columns; the limit is ${MAX_DATASET_COLUMNS}. Drop or combine columns before uploading.`,
    );
    expect(parquetColumnsProblem(new Uint8Array([1, 2, 3]))).toBeNull();
  });
});

describe("row counts on the raw bytes, before parsing", () => {
  it("refuses a CSV or JSON file with more rows than the limit, and accepts one at the limit", () => {
    const csv = (rows: number) => encode(`a\n${"1\n".repeat(rows)}`);
    expect(csvHeaderProblem(csv(MAX_DATASET_ROWS))).toBeNull();
    expect(csvHeaderProblem(csv(MAX_DATASET_ROWS + 1))).toContain("more than 5,000,000 rows");
    // Newlines inside quoted cells are not rows.
    expect(csvHeaderProblem(encode(`a\n"${"\n".repeat(MAX_DATASET_ROWS + 5)}"\n`))).toBeNull();
    expect(jsonColumnsProblem(encode("{}\n".repeat(MAX_DATASET_ROWS)))).toBeNull();
    expect(jsonColumnsProblem(encode("{}\n".repeat(MAX_DATASET_ROWS + 1)))).toContain("more than 5,000,000 rows");
    expect(
      jsonColumnsProblem(
        encode(
          `[${Array(MAX_DATASET_ROWS + 1)
            .fill("{}")
            .join(",")}]`,
        ),
      ),
    ).toContain("more than 5,000,000 rows");
  });
});
