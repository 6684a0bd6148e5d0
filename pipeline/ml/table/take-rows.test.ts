import { describe, expect, it } from "vitest";
import { readCsv } from "./read-csv";
import { takeRows } from "./take-rows";

describe("takeRows", () => {
  it("gathers rows in order, repeats allowed, keeping category levels", () => {
    const table = readCsv("n,c,t\n1,a,hello there\n2,b,NA\n3,a,bye\n", { types: { t: "text" } });
    const taken = takeRows(table, [2, 0, 2]);
    expect(taken).toEqual({
      rowCount: 3,
      columns: [
        { name: "n", type: "integer", values: Float64Array.from([3, 1, 3]) },
        { name: "c", type: "category", levels: ["a", "b"], codes: Int32Array.from([0, 0, 0]) },
        { name: "t", type: "text", values: ["bye", "hello there", "bye"] },
      ],
    });
  });

  it("rejects indices outside the table", () => {
    const table = readCsv("n\n1\n2\n");
    expect(() => takeRows(table, [2])).toThrow("Row index 2 is outside the table (2 rows).");
    expect(() => takeRows(table, [-1])).toThrow("outside");
  });
});
