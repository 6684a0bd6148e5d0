/**
 * A tiny, safe row-filter language (no eval): parsed into an AST, then bound to a
 * table's columns, which checks names and types before any row is evaluated.
 *
 *   expr       := or
 *   or         := and (("or" | "||") and)*
 *   and        := not (("and" | "&&") not)*
 *   not        := ("not" | "!") not | "(" expr ")" | predicate
 *   predicate  := value [ op value | "is" ["not"] ("missing" | "null") | ["not"] "in" "(" literal ("," literal)* ")" ]
 *   op         := "=" | "==" | "!=" | "<>" | "<" | "<=" | ">" | ">="
 *   value      := column | `any column name` | number | 'string' | "string" | true | false
 *
 * Keywords are case-insensitive. A bare value is a predicate only if it is a
 * boolean column or literal. Any comparison involving a missing cell is false
 * (use `is missing`).
 */

export type CompareOp = "==" | "!=" | "<" | "<=" | ">" | ">=";

export type Literal = { kind: "number"; value: number } | { kind: "string"; value: string } | { kind: "boolean"; value: boolean };
export type Operand = { kind: "column"; name: string } | Literal;

export type Expr =
  | { kind: "and" | "or"; left: Expr; right: Expr }
  | { kind: "not"; operand: Expr }
  | { kind: "compare"; op: CompareOp; left: Operand; right: Operand }
  | { kind: "missing"; operand: Operand; negated: boolean }
  | { kind: "in"; operand: Operand; list: Literal[]; negated: boolean }
  | { kind: "truthy"; operand: Operand };

type Token =
  | { kind: "number"; value: number; at: number }
  | { kind: "string"; value: string; at: number }
  | { kind: "word"; value: string; at: number }
  | { kind: "column"; value: string; at: number }
  | { kind: "symbol"; value: string; at: number }
  | { kind: "end"; at: number };

const SYMBOLS = ["<=", ">=", "==", "!=", "<>", "&&", "||", "<", ">", "=", "!", "(", ")", ",", "-"];

function syntaxError(message: string, at: number): Error {
  return new Error(`Filter expression: ${message} at position ${at + 1}.`);
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (/[0-9.]/.test(ch)) {
      const match = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i));
      if (!match) throw syntaxError(`unexpected "${ch}"`, i);
      tokens.push({ kind: "number", value: Number(match[0]), at: i });
      i += match[0].length;
    } else if (ch === "'" || ch === '"' || ch === "`") {
      const start = i;
      let value = "";
      i++;
      for (;;) {
        if (i >= source.length) {
          throw syntaxError(ch === "`" ? "unterminated `column name`" : "unterminated string", start);
        }
        const c = source[i]!;
        if (c === "\\" && i + 1 < source.length) {
          value += source[i + 1];
          i += 2;
        } else if (c === ch) {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      tokens.push(ch === "`" ? { kind: "column", value, at: start } : { kind: "string", value, at: start });
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(i))!;
      tokens.push({ kind: "word", value: match[0], at: i });
      i += match[0].length;
    } else {
      const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
      if (!symbol) throw syntaxError(`unexpected "${ch}"`, i);
      tokens.push({ kind: "symbol", value: symbol, at: i });
      i += symbol.length;
    }
  }
  tokens.push({ kind: "end", at: source.length });
  return tokens;
}

const KEYWORDS = new Set(["and", "or", "not", "is", "in", "missing", "null", "true", "false"]);
const OPS: Record<string, CompareOp> = { "=": "==", "==": "==", "!=": "!=", "<>": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };

/**
 * Bounds on what one expression may hold. The parser and every walk over the tree (binding,
 * column lists, evaluation) recurse, and 100,000 nested parentheses or "or"s overflowed the stack;
 * real filters are a few conditions.
 */
export const MAX_EXPRESSION_NESTING = 64;
export const MAX_EXPRESSION_CONDITIONS = 1000;

/** Parses a filter expression; throws with the position of a syntax error. */
export function parseExpression(source: string): Expr {
  const tokens = tokenize(source);
  let pos = 0;
  let nesting = 0;
  let conditions = 0;
  const oneMoreCondition = (at: number): void => {
    if (++conditions > MAX_EXPRESSION_CONDITIONS) {
      throw syntaxError(`more than ${MAX_EXPRESSION_CONDITIONS} conditions joined by and/or; split the filter into several nodes`, at);
    }
  };
  const peek = (): Token => tokens[pos]!;
  const isWord = (word: string): boolean => {
    const t = peek();
    return t.kind === "word" && t.value.toLowerCase() === word;
  };
  const isSymbol = (symbol: string): boolean => {
    const t = peek();
    return t.kind === "symbol" && t.value === symbol;
  };
  const describe = (t: Token): string => (t.kind === "end" ? "end of expression" : `"${String(t.value)}"`);
  const expectSymbol = (symbol: string): void => {
    if (!isSymbol(symbol)) throw syntaxError(`expected "${symbol}" but found ${describe(peek())}`, peek().at);
    pos++;
  };

  const parseOr = (): Expr => {
    let left = parseAnd();
    while (isWord("or") || isSymbol("||")) {
      oneMoreCondition(peek().at);
      pos++;
      left = { kind: "or", left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Expr => {
    let left = parseNot();
    while (isWord("and") || isSymbol("&&")) {
      oneMoreCondition(peek().at);
      pos++;
      left = { kind: "and", left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): Expr => {
    if (!isWord("not") && !isSymbol("!") && !isSymbol("(")) return parsePredicate();
    if (++nesting > MAX_EXPRESSION_NESTING) throw syntaxError(`parentheses and "not" nest more than ${MAX_EXPRESSION_NESTING} levels deep`, peek().at);
    let inner: Expr;
    if (isSymbol("(")) {
      pos++;
      inner = parseOr();
      expectSymbol(")");
    } else {
      pos++;
      inner = { kind: "not", operand: parseNot() };
    }
    nesting--;
    return inner;
  };
  const parseLiteral = (): Literal => {
    const t = peek();
    const next = tokens[pos + 1];
    if (t.kind === "symbol" && t.value === "-" && next?.kind === "number") {
      pos += 2;
      return { kind: "number", value: -next.value };
    }
    if (t.kind === "number" || t.kind === "string") {
      pos++;
      return t.kind === "number" ? { kind: "number", value: t.value } : { kind: "string", value: t.value };
    }
    if (isWord("true") || isWord("false")) {
      pos++;
      return { kind: "boolean", value: t.kind === "word" && t.value.toLowerCase() === "true" };
    }
    throw syntaxError(`expected a value but found ${describe(t)}`, t.at);
  };
  const parseOperand = (): Operand => {
    const t = peek();
    if (t.kind === "column" || (t.kind === "word" && !KEYWORDS.has(t.value.toLowerCase()))) {
      pos++;
      return { kind: "column", name: t.value };
    }
    return parseLiteral();
  };
  const parsePredicate = (): Expr => {
    const operand = parseOperand();
    const t = peek();
    if (t.kind === "symbol" && OPS[t.value]) {
      pos++;
      return { kind: "compare", op: OPS[t.value]!, left: operand, right: parseOperand() };
    }
    if (isWord("is")) {
      pos++;
      const negated = isWord("not");
      if (negated) pos++;
      if (!isWord("missing") && !isWord("null")) throw syntaxError(`expected "missing" but found ${describe(peek())}`, peek().at);
      pos++;
      return { kind: "missing", operand, negated };
    }
    const next = tokens[pos + 1];
    const notIn = isWord("not") && next?.kind === "word" && next.value.toLowerCase() === "in";
    if (isWord("in") || notIn) {
      pos += notIn ? 2 : 1;
      expectSymbol("(");
      const list = [parseLiteral()];
      while (isSymbol(",")) {
        pos++;
        list.push(parseLiteral());
      }
      expectSymbol(")");
      return { kind: "in", operand, list, negated: notIn };
    }
    return { kind: "truthy", operand };
  };

  if (peek().kind === "end") throw syntaxError("the expression is empty", 0);
  const expr = parseOr();
  if (peek().kind !== "end") throw syntaxError(`unexpected ${describe(peek())}`, peek().at);
  return expr;
}

/** Column names an expression refers to, in first-use order (for compile-time checks). */
export function expressionColumns(expr: Expr): string[] {
  const names = new Set<string>();
  const visitOperand = (operand: Operand): void => {
    if (operand.kind === "column") names.add(operand.name);
  };
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case "and":
      case "or":
        visit(e.left);
        visit(e.right);
        break;
      case "not":
        visit(e.operand);
        break;
      case "compare":
        visitOperand(e.left);
        visitOperand(e.right);
        break;
      default:
        visitOperand(e.operand);
    }
  };
  visit(expr);
  return [...names];
}
