import { endsStatement, tokenize, topLevelNames, type Token } from "@/workers/browser/notebookScope";

/**
 * Finds the functions a notebook cell defines at its top level and cuts out the code a
 * pipeline node needs to call one: its definition plus the top-level declarations it
 * uses (helpers, constants, types), transitively, in the cell's order. Exploration code
 * (loading a dataset, displaying results) is left behind unless the function uses it.
 * Built on the notebook's scanner, not a parser: scopes are approximated by dropping
 * every name the function binds itself (parameters, locals) from what it uses.
 */

interface Statement {
  tokens: Token[];
  start: number;
  end: number;
  declares: Set<string>;
  /** Set when the statement declares a function taking at least one parameter. */
  tableFunction: string | null;
}

const DECLARATION_HEADS = new Set(["const", "let", "var"]);
const TYPE_HEADS = new Set(["type", "interface", "enum"]);

/** A line starting with one of these continues the statement before it: a body's `{` or a closing bracket. */
const CONTINUING = new Set(["{", "}", ")", "]"]);

function splitStatements(tokens: Token[]): Token[][] {
  const statements: Token[][] = [];
  let current: Token[] = [];
  const close = () => {
    if (current.length > 0) statements.push(current);
    current = [];
  };
  for (const token of tokens) {
    const previous = current[current.length - 1];
    if (previous && token.depth === 0 && token.newline && !CONTINUING.has(token.text) && endsStatement(previous, token)) close();
    current.push(token);
    if (token.depth === 0 && token.text === ";") close();
  }
  close();
  return statements;
}

/** Index of the token closing the bracket opened at `open`. */
function closing(tokens: Token[], open: number): number {
  const depth = tokens[open]!.depth;
  for (let i = open + 1; i < tokens.length; i++) if (tokens[i]!.depth === depth && [")", "]", "}"].includes(tokens[i]!.text)) return i;
  return tokens.length - 1;
}

function parameterCount(tokens: Token[], open: number): number {
  const end = closing(tokens, open);
  if (end === open + 1) return 0;
  const inner = tokens[open]!.depth + 1;
  return 1 + tokens.slice(open + 1, end).filter((t) => t.depth === inner && t.text === ",").length;
}

/** Parameters of the function starting at `at` (`function …(`, `async (…) =>`, `x =>`), or null when none starts there. */
function functionAt(tokens: Token[], at: number): number | null {
  let i = tokens[at]?.text === "async" ? at + 1 : at;
  const token = tokens[i];
  if (!token) return null;
  if (token.text === "function") {
    i++;
    if (tokens[i]?.text === "*") i++;
    if (tokens[i]?.kind === "word") i++;
    return tokens[i]?.text === "(" ? parameterCount(tokens, i) : null;
  }
  if (token.kind === "word" && tokens[i + 1]?.text === "=>") return 1;
  if (token.text !== "(") return null;
  const end = closing(tokens, i);
  const arrow = tokens.findIndex((t, k) => k > end && t.depth === token.depth && (t.text === "=>" || t.text === "=" || t.text === ","));
  return arrow >= 0 && tokens[arrow]!.text === "=>" ? parameterCount(tokens, i) : null;
}

function describe(source: string, tokens: Token[]): Statement {
  const first = tokens[0]!;
  const start = first.start;
  const end = tokens[tokens.length - 1]!.end;
  const declares = new Set(topLevelNames(source.slice(start, end)));
  let tableFunction: string | null = null;
  const head = first.text === "async" || first.text === "declare" ? 1 : 0;
  const keyword = tokens[head]?.text;
  const name = tokens[head + 1];
  if (keyword === "function") {
    const named = name?.text === "*" ? tokens[head + 2] : name;
    if (named?.kind === "word" && (functionAt(tokens, 0) ?? 0) > 0) tableFunction = named.text;
  } else if (keyword !== undefined && DECLARATION_HEADS.has(keyword) && name?.kind === "word") {
    const assign = tokens.findIndex((t, k) => k > head + 1 && t.depth === 0 && t.text === "=");
    if (assign > 0 && (functionAt(tokens, assign + 1) ?? 0) > 0) tableFunction = name.text;
  } else if (keyword !== undefined && TYPE_HEADS.has(keyword) && name?.kind === "word") {
    declares.add(name.text);
  }
  return { tokens, start, end, declares, tableFunction };
}

const CONTROL_WORDS = new Set(["if", "for", "while", "switch", "with", "return", "typeof", "await"]);

/** Names the statement binds inside itself: parameters, locals, inner functions. */
function boundInside(tokens: Token[]): Set<string> {
  const bound = new Set<string>();
  tokens.forEach((t, k) => {
    if (t.kind !== "word") return;
    const previous = tokens[k - 1]?.text;
    if (previous === "const" || previous === "let" || previous === "var" || previous === "function" || previous === "catch") bound.add(t.text);
    if (tokens[k + 1]?.text === "=>") bound.add(t.text);
  });
  // Words inside a parameter list: `(a, { b }) =>` or `function f(a, b)`.
  tokens.forEach((t, k) => {
    if (t.text !== "(") return;
    const end = closing(tokens, k);
    const before = tokens[k - 1];
    const named = before?.kind === "word" && !CONTROL_WORDS.has(before.text);
    const isParams = tokens[end + 1]?.text === "=>" || tokens[end + 1]?.text === ":" || (tokens[end + 1]?.text === "{" && named);
    if (!isParams) return;
    for (let i = k + 1; i < end; i++) {
      const w = tokens[i]!;
      if (w.kind === "word" && tokens[i - 1]?.text !== ":" && tokens[i - 1]?.text !== ".") bound.add(w.text);
    }
  });
  return bound;
}

/** Names the statement reads: words that are not property names (after `.`, before `:` in an object) or its own bindings. */
function uses(statement: Statement): Set<string> {
  const bound = boundInside(statement.tokens);
  const used = new Set<string>();
  statement.tokens.forEach((t, k) => {
    if (t.kind !== "word" || statement.declares.has(t.text) || bound.has(t.text)) return;
    const previous = statement.tokens[k - 1]?.text;
    if (previous === "." || (statement.tokens[k + 1]?.text === ":" && previous !== "?" && previous !== "case")) return;
    used.add(t.text);
  });
  return used;
}

function statements(source: string): Statement[] {
  return splitStatements(tokenize(source)).map((tokens) => describe(source, tokens));
}

/** Top-level functions of the cell that take at least one argument: the candidates for a Table → Table node. */
export function cellFunctions(source: string): string[] {
  return [...new Set(statements(source).flatMap((s) => (s.tableFunction === null ? [] : [s.tableFunction])))];
}

/** The code a node needs to call `name`: its definition and what it uses from the cell, in the cell's order. */
export function functionCode(source: string, name: string): string {
  const all = statements(source);
  const definition = all.findLast((s) => s.tableFunction === name);
  if (!definition) throw new Error(`The cell defines no function "${name}"`);
  const needed = new Set([definition]);
  const queue = [definition];
  while (queue.length > 0) {
    for (const word of uses(queue.pop()!)) {
      const declaration = all.findLast((s) => s.declares.has(word));
      if (declaration && !needed.has(declaration)) {
        needed.add(declaration);
        queue.push(declaration);
      }
    }
  }
  return all
    .filter((s) => needed.has(s))
    .map((s) => source.slice(s.start, s.end))
    .join("\n\n");
}
