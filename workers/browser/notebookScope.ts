/**
 * Notebook cells run as async functions (so top-level `await` works), which makes their
 * declarations local. To let variables persist across cells as in Jupyter, the names a
 * cell declares at its top level are found here and copied to the worker's global scope
 * when the cell ends (even by an error). A small scanner, not a parser: it skips strings,
 * templates, comments and regular expressions and reads declarations at brace depth 0.
 */
export function topLevelNames(code: string): string[] {
  const names = new Set<string>();
  const tokens = tokenize(code);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.depth !== 0 || token.kind !== "word") continue;
    const next = tokens[i + 1];
    if ((token.text === "function" || token.text === "class") && next?.kind === "word") names.add(next.text);
    else if (token.text === "function" && next?.text === "*" && tokens[i + 2]?.kind === "word") names.add(tokens[i + 2]!.text);
    else if (token.text === "const" || token.text === "let" || token.text === "var") i = readDeclarators(tokens, i + 1, names);
  }
  return [...names].filter((name) => !RESERVED.has(name));
}

export interface Token {
  kind: "word" | "punct";
  text: string;
  depth: number;
  /** Whether a line break precedes this token. */
  newline: boolean;
  /** Offsets of the token in the code; a template's tail after a substitution counts toward the last token inside it. */
  start: number;
  end: number;
}

/** Reads `a = 1, { b, c: d } = o, [e] = l` starting at `start`; returns the index of the last token consumed. */
function readDeclarators(tokens: Token[], start: number, names: Set<string>): number {
  let i = start;
  for (;;) {
    const first = tokens[i];
    if (!first) return i;
    if (first.kind === "word") {
      names.add(first.text);
      i++;
    } else if (first.text === "{" || first.text === "[") {
      i = readPattern(tokens, i, names);
    } else return i;
    // Skip the initializer up to a comma at depth 0 (another declarator) or the statement's end.
    while (i < tokens.length) {
      const t = tokens[i]!;
      if (t.depth === 0 && t.text === ",") break;
      if (t.depth === 0 && t.text === ";") return i;
      if (t.depth === 0 && t.newline && i > start && endsStatement(tokens[i - 1]!, t)) return i - 1;
      i++;
    }
    if (i >= tokens.length) return i;
    i++;
  }
}

/** Names bound by a destructuring pattern: words not followed by ":" and not in defaults. */
function readPattern(tokens: Token[], open: number, names: Set<string>): number {
  const base = tokens[open]!.depth;
  let i = open + 1;
  let inDefault = false;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.depth === base && (t.text === "}" || t.text === "]")) return i + 1;
    if (t.text === "," && !isInsideBrackets(tokens, i, base)) inDefault = false;
    if (t.text === "=") inDefault = true;
    if (t.kind === "word" && !inDefault && tokens[i + 1]?.text !== ":" && tokens[i + 1]?.text !== "(") names.add(t.text);
  }
  return i;
}

function isInsideBrackets(tokens: Token[], at: number, base: number): boolean {
  return tokens[at]!.depth > base + 1;
}

const CONTINUES = new Set([",", "=", "+", "-", "*", "/", "%", "&", "|", "^", "?", ":", ".", "(", "[", "{", "<", ">", "!", "=>"]);

/** Whether a line break between these two tokens ends a statement (automatic semicolon insertion, roughly). */
export function endsStatement(previous: Token, next: Token): boolean {
  if (CONTINUES.has(previous.text)) return false;
  return !(next.kind === "punct" && [".", "?", "+", "-", "*", "/", "=", "&", "|", ",", ":", "("].includes(next.text));
}

const RESERVED = new Set(["of", "in", "await", "async", "yield", "this", "new", "typeof", "void"]);

const WORD = /[A-Za-z_$\u00c0-\uffff][\w$\u00c0-\uffff]*/y;

export function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let newline = false;
  // Open template literals: the depth at which each `${` re-enters its template.
  const templates: number[] = [];
  let i = 0;
  let start = 0;
  const push = (kind: Token["kind"], text: string, at: number) => {
    tokens.push({ kind, text, depth: at, newline, start, end: start });
    newline = false;
  };
  const readTemplate = () => {
    // i is just after a backtick or a `}` closing a substitution.
    while (i < code.length) {
      const c = code[i]!;
      if (c === "\\") i += 2;
      else if (c === "`") {
        i++;
        return;
      } else if (c === "$" && code[i + 1] === "{") {
        i += 2;
        templates.push(depth);
        depth++;
        return;
      } else i++;
    }
  };
  while (i < code.length) {
    const c = code[i]!;
    start = i;
    const before = tokens.length;
    if (c === "\n") {
      newline = true;
      i++;
    } else if (/\s/.test(c)) i++;
    else if (c === "/" && code[i + 1] === "/") {
      while (i < code.length && code[i] !== "\n") i++;
    } else if (c === "/" && code[i + 1] === "*") {
      const end = code.indexOf("*/", i + 2);
      if (end < 0 || code.slice(i, end).includes("\n")) newline = true;
      i = end < 0 ? code.length : end + 2;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < code.length && code[i] !== c && code[i] !== "\n") i += code[i] === "\\" ? 2 : 1;
      i++;
      push("punct", "str", depth);
    } else if (c === "`") {
      i++;
      push("punct", "tpl", depth);
      readTemplate();
    } else if (c === "/" && regexAllowed(tokens[tokens.length - 1])) {
      i++;
      let inClass = false;
      while (i < code.length && code[i] !== "\n") {
        const r = code[i]!;
        if (r === "\\") i++;
        else if (r === "[") inClass = true;
        else if (r === "]") inClass = false;
        else if (r === "/" && !inClass) break;
        i++;
      }
      i++;
      while (i < code.length && /\w/.test(code[i]!)) i++;
      push("punct", "regex", depth);
    } else {
      WORD.lastIndex = i;
      const word = WORD.exec(code);
      if (word) {
        push("word", word[0], depth);
        i += word[0].length;
      } else if (/\d/.test(c)) {
        while (i < code.length && /[\w.]/.test(code[i]!)) i++;
        push("punct", "num", depth);
      } else if (c === "{" || c === "(" || c === "[") {
        push("punct", c, depth);
        depth++;
        i++;
      } else if (c === "}" && templates.length > 0 && templates[templates.length - 1] === depth - 1) {
        templates.pop();
        depth--;
        i++;
        readTemplate();
      } else if (c === "}" || c === ")" || c === "]") {
        depth = Math.max(0, depth - 1);
        push("punct", c, depth);
        i++;
      } else if (c === "=" && code[i + 1] === ">") {
        push("punct", "=>", depth);
        i += 2;
      } else {
        push("punct", c, depth);
        i++;
      }
    }
    const last = tokens[tokens.length - 1];
    // A `}` that pushes nothing closed a template substitution: the template's tail extends the last token inside it.
    if (last && (tokens.length > before || c === "}")) last.end = i;
  }
  return tokens;
}

/** A `/` starts a regular expression unless it follows a value (a name, number, string or closing bracket). */
function regexAllowed(previous: Token | undefined): boolean {
  if (!previous) return true;
  if (previous.kind === "word")
    return ["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "await", "yield"].includes(previous.text);
  return ![")", "]", "}", "str", "tpl", "num", "regex"].includes(previous.text);
}
