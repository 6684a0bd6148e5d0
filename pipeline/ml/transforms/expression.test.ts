import { describe, expect, it } from "vitest";
import { expressionColumns, parseExpression } from "./expression";

describe("parseExpression", () => {
  it("gives and precedence over or, and parentheses over both", () => {
    expect(parseExpression("a > 1 or b = 'x' and not c")).toEqual({
      kind: "or",
      left: { kind: "compare", op: ">", left: { kind: "column", name: "a" }, right: { kind: "number", value: 1 } },
      right: {
        kind: "and",
        left: { kind: "compare", op: "==", left: { kind: "column", name: "b" }, right: { kind: "string", value: "x" } },
        right: { kind: "not", operand: { kind: "truthy", operand: { kind: "column", name: "c" } } },
      },
    });
    const grouped = parseExpression("(a > 1 || b) && c");
    expect(grouped.kind).toBe("and");
  });

  it("reads negative numbers, exponents, escapes, backticked names, is/in forms", () => {
    expect(parseExpression("`body mass` >= -1.5e3")).toEqual({
      kind: "compare",
      op: ">=",
      left: { kind: "column", name: "body mass" },
      right: { kind: "number", value: -1500 },
    });
    expect(parseExpression("name == 'it\\'s'")).toMatchObject({ right: { kind: "string", value: "it's" } });
    expect(parseExpression("sex IS NOT NULL")).toEqual({ kind: "missing", operand: { kind: "column", name: "sex" }, negated: true });
    expect(parseExpression("s not in ('a', 2)")).toEqual({
      kind: "in",
      operand: { kind: "column", name: "s" },
      list: [
        { kind: "string", value: "a" },
        { kind: "number", value: 2 },
      ],
      negated: true,
    });
    expect(expressionColumns(parseExpression("a > b and (c is missing or a < 3)"))).toEqual(["a", "b", "c"]);
  });

  it("reports syntax errors with a position", () => {
    expect(() => parseExpression("")).toThrow("Filter expression: the expression is empty at position 1.");
    expect(() => parseExpression("a > ")).toThrow("expected a value but found end of expression at position 5");
    expect(() => parseExpression("(a > 1")).toThrow('expected ")" but found end of expression');
    expect(() => parseExpression("a = 'open")).toThrow("unterminated string at position 5");
    expect(() => parseExpression("a > 1 b")).toThrow('unexpected "b" at position 7');
    expect(() => parseExpression("a ; b")).toThrow('unexpected ";" at position 3');
    expect(() => parseExpression("a is 3")).toThrow('expected "missing"');
  });
});
