import { describe, expect, it } from "vitest";
import { readCsv } from "../table/read-csv";
import { getColumn, type Table } from "../table/table";
import { castColumns } from "./cast";
import { dropColumns, renameColumns, selectColumns } from "./columns";
import { dropDuplicates, dropMissing } from "./drop-rows";
import { filterRows } from "./filter-rows";

const table = readCsv(
  [
    "id,species,mass,flag,day,note",
    "1,a,3.5,true,2020-01-01,x",
    "2,b,NA,false,2020-02-01,y",
    "3,a,5,true,NA,NA",
    "4,NA,7.25,false,2020-03-01,x",
    "5,b,1,NA,2020-01-15,y",
  ].join("\n"),
);

function ids(t: Table): number[] {
  const id = getColumn(t, "id");
  return id.type === "integer" ? [...id.values] : [];
}

describe("column selection", () => {
  it("selects, drops and renames", () => {
    expect(selectColumns(table, ["mass", "id"]).columns.map((c) => c.name)).toEqual(["mass", "id"]);
    expect(dropColumns(table, ["note", "day"]).columns.map((c) => c.name)).toEqual(["id", "species", "mass", "flag"]);
    expect(renameColumns(table, { mass: "weight" }).columns.map((c) => c.name)).toEqual(["id", "species", "weight", "flag", "day", "note"]);
  });

  it("rejects unknown, repeated and clashing names", () => {
    expect(() => selectColumns(table, ["nope"])).toThrow('Unknown column "nope"');
    expect(() => selectColumns(table, ["id", "id"])).toThrow('Column "id" is selected twice.');
    expect(() => dropColumns(table, ["nope"])).toThrow('Unknown column "nope"');
    expect(() => renameColumns(table, { mass: "id" })).toThrow('Renaming would leave two columns named "id".');
  });
});

describe("castColumns", () => {
  it("casts between numeric types and through text", () => {
    const out = castColumns(table, { id: "category", flag: "integer", species: "text" });
    expect(getColumn(out, "id")).toMatchObject({ type: "category", levels: ["1", "2", "3", "4", "5"] });
    expect(getColumn(out, "flag")).toEqual({ name: "flag", type: "integer", values: Float64Array.from([1, 0, 1, 0, NaN]) });
    expect(getColumn(out, "species")).toEqual({ name: "species", type: "text", values: ["a", "b", "a", null, "b"] });
    const day = castColumns(castColumns(table, { day: "text" }), { day: "date" });
    expect(getColumn(day, "day")).toEqual(getColumn(table, "day"));
  });

  it("names the row and value that do not fit", () => {
    expect(() => castColumns(table, { mass: "integer" })).toThrow('Column "mass": cannot read "3.5" on row 1 as integer.');
    expect(() => castColumns(table, { species: "number" })).toThrow('Column "species": cannot read "a" on row 1 as a number.');
  });
});

describe("dropping rows", () => {
  it("drops duplicate rows, keeping the first, on chosen columns", () => {
    expect(ids(dropDuplicates(table, ["species"]))).toEqual([1, 2, 4]);
    expect(ids(dropDuplicates(table, ["note", "flag"]))).toEqual([1, 2, 3, 4, 5]);
    const doubled = readCsv("a,b\n1,x\n1,x\n1,NA\n1,\n2,x\n");
    expect(dropDuplicates(doubled).rowCount).toBe(3);
  });

  it("drops rows with missing values, any or all", () => {
    expect(ids(dropMissing(table))).toEqual([1]);
    expect(ids(dropMissing(table, { columns: ["mass"] }))).toEqual([1, 3, 4, 5]);
    expect(ids(dropMissing(table, { columns: ["mass", "day"], how: "all" }))).toEqual([1, 2, 3, 4, 5]);
    expect(ids(dropMissing(table, { columns: ["day", "note"], how: "all" }))).toEqual([1, 2, 4, 5]);
  });
});

describe("filterRows", () => {
  it.each([
    ["mass > 3", [1, 3, 4]],
    ["mass != 5", [1, 4, 5]],
    ["species = 'a' or mass < 2", [1, 3, 5]],
    ["not (species == 'a') and mass is not missing", [4, 5]],
    ["species is missing or day is null", [3, 4]],
    ["flag", [1, 3]],
    ["flag == false", [2, 4]],
    ["day >= '2020-02-01'", [2, 4]],
    ["species in ('b', 'c')", [2, 5]],
    ["species not in ('b')", [1, 3]],
    ["id = 2 or id = 4", [2, 4]],
    ["mass > id", [1, 3, 4]],
  ])("%s", (expression, expected) => {
    expect(ids(filterRows(table, expression))).toEqual(expected);
  });

  it("checks columns and types before running", () => {
    expect(() => filterRows(table, "weight > 1")).toThrow('Unknown column "weight"');
    expect(() => filterRows(table, "mass > 'heavy'")).toThrow('cannot compare column "mass" (number) with "heavy"');
    expect(() => filterRows(table, "species < 3")).toThrow("cannot compare");
    expect(() => filterRows(table, "mass")).toThrow('column "mass" (number) is not true/false on its own');
    expect(() => filterRows(table, "day > 'soon'")).toThrow('"soon" is not an ISO date');
  });
});
