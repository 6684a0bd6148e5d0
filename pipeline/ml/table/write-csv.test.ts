import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCsv } from "./read-csv";
import { schemaOf } from "./table";
import { writeCsv } from "./write-csv";

describe("writeCsv", () => {
  it("round-trips the penguins table (missing values, categories, integers)", () => {
    const penguins = readCsv(readFileSync(new URL("../../../public/datasets/penguins.csv", import.meta.url)));
    const again = readCsv(writeCsv(penguins));
    expect(again).toEqual(penguins);
  });

  it("writes booleans, dates and text that needs quoting", () => {
    const table = readCsv('b,d,t\ntrue,2020-01-02,"a, ""b"""\nNA,2020-01-02T03:04:05Z,"x\ny"\n', { types: { t: "text" } });
    expect(writeCsv(table, ";")).toBe('b;d;t\ntrue;2020-01-02;"a, ""b"""\n;2020-01-02T03:04:05.000Z;"x\ny"\n');
    const back = readCsv(writeCsv(table), { types: { t: "text" } });
    expect(back).toEqual(table);
    expect(schemaOf(back)).toEqual(schemaOf(table));
  });
});
