import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCsv } from "./read-csv";
import { getColumn, isMissing, type Table } from "./table";

function dataset(name: string): Uint8Array {
  return readFileSync(new URL(`../../../public/datasets/${name}.csv`, import.meta.url));
}

function missingCount(table: Table, column: string): number {
  const c = getColumn(table, column);
  let count = 0;
  for (let r = 0; r < table.rowCount; r++) if (isMissing(c, r)) count++;
  return count;
}

describe("bundled datasets", () => {
  it("reads iris: 150 rows, 4 numbers and a species category", () => {
    const iris = readCsv(dataset("iris"));
    expect(iris.rowCount).toBe(150);
    expect(iris.columns.map((c) => c.type)).toEqual(["number", "number", "number", "number", "category"]);
    const species = getColumn(iris, "species");
    expect(species.type === "category" && species.levels).toEqual(["setosa", "versicolor", "virginica"]);
    const sepal = getColumn(iris, "sepal_length_cm");
    expect(sepal.type === "number" && [sepal.values[0], sepal.values[1]]).toEqual([5.1, 4.9]);
  });

  it("detects penguins' NA values and categoricals", () => {
    const penguins = readCsv(dataset("penguins"));
    expect(penguins.rowCount).toBe(344);
    expect(Object.fromEntries(penguins.columns.map((c) => [c.name, c.type]))).toEqual({
      species: "category",
      island: "category",
      bill_length_mm: "number",
      bill_depth_mm: "number",
      flipper_length_mm: "integer",
      body_mass_g: "integer",
      sex: "category",
      year: "integer",
    });
    // Counts from `grep -c` over the file: 2 rows without measurements, 11 without sex.
    expect(missingCount(penguins, "bill_length_mm")).toBe(2);
    expect(missingCount(penguins, "sex")).toBe(11);
  });

  it("reads fine_foods reviews as text and the score as a two-level category", () => {
    const foods = readCsv(dataset("fine_foods_test"));
    expect(foods.rowCount).toBe(1000);
    expect(getColumn(foods, "review").type).toBe("text");
    const score = getColumn(foods, "score");
    expect(score.type === "category" && score.levels).toEqual(["great", "other"]);
  });

  it("reads digits as 64 integer pixel columns plus the label", () => {
    const digits = readCsv(dataset("digits"));
    expect(digits.rowCount).toBe(1797);
    expect(digits.columns).toHaveLength(65);
    expect(digits.columns.every((c) => c.type === "integer")).toBe(true);
  });
});
