import fc from "fast-check";
import { describe, it } from "vitest";
import { expectClearOutcome, FUZZ_RUNS } from "../../testing/clearOutcome";
import { readCsv } from "../table/read-csv";
import { expressionColumns, parseExpression } from "./expression";
import { filterRows } from "./filter-rows";

const table = readCsv("x,name,flag,when\n1,a,true,2024-01-02\n2.5,b,false,\n,c,,2023-05-06\n");
const valid = ["x > 1 and name != 'a'", "not (flag or x is missing)", "name in ('a', 'b') || x <= -2.5e1", "`when` is not null && !flag", "x"];
const pieces = fc.constantFrom(
  "x",
  "name",
  "flag",
  "`when`",
  "(",
  ")",
  "and",
  "or",
  "not",
  "!",
  "&&",
  "||",
  "in",
  "is",
  "missing",
  "null",
  "'a'",
  '"b',
  "1",
  "-",
  "2.5e9",
  ",",
  "<=",
  "<>",
  "==",
  "`",
  "\\",
  "true",
);

/** Inserts, deletes or replaces characters of a valid expression. */
const damaged = fc
  .tuple(fc.constantFrom(...valid), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 6 }))
  .map(([source, edits]) =>
    edits.reduce((text, [at, remove, insert]) => text.slice(0, at % (text.length + 1)) + insert + text.slice((at % (text.length + 1)) + remove), source),
  );

function parseAndFilter(source: string): void {
  const expr = parseExpression(source);
  expressionColumns(expr);
  filterRows(table, source);
}

describe("filter expressions answer any text with a filter or a clear error, never a crash or hang", () => {
  it("random text, token soup and damaged valid expressions", async () => {
    const soup = fc.array(pieces, { maxLength: 40 }).map((tokens) => tokens.join(" "));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), soup, damaged), (source) => expectClearOutcome(() => parseAndFilter(source))),
      FUZZ_RUNS,
    );
  }, 120_000);

  it("nesting and chains far longer than anyone writes", async () => {
    const n = 100_000;
    await expectClearOutcome(() => parseAndFilter(`${"(".repeat(n)}x > 1${")".repeat(n)}`));
    await expectClearOutcome(() => parseAndFilter(`${"not ".repeat(n)}flag`));
    await expectClearOutcome(() => parseAndFilter(Array.from({ length: n }, () => "x > 1").join(" or ")));
  }, 60_000);
});
