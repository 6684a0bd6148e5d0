import { describe, expect, it } from "vitest";
import { fileColumns } from "./fileColumns";

describe("fileColumns", () => {
  it("reads a CSV or TSV header and a JSON Lines file's first keys, and gives up on formats it cannot read cheaply", async () => {
    expect(await fileColumns(new File(['id,"last, first",age\n1,"Doe, J",4\n'], "people.csv"))).toEqual(["id", "last, first", "age"]);
    expect(await fileColumns(new File(["id\tscore\r\n1\t2\r\n"], "rows.tsv"))).toEqual(["id", "score"]);
    expect(await fileColumns(new File(['{"id": 1, "x": 2}\n{"id": 2, "x": 3}\n'], "rows.jsonl"))).toEqual(["id", "x"]);
    expect(await fileColumns(new File(['[{"id": 1}]'], "rows.json"))).toBeNull();
    expect(await fileColumns(new File(["PAR1"], "rows.parquet"))).toBeNull();
    expect(await fileColumns(new File(["not json\n"], "rows.jsonl"))).toBeNull();
  });
});
