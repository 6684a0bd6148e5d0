import { z } from "zod";

interface ParsedNode {
  kind: number;
  end: number;
  getStart(sourceFile: ParsedSourceFile): number;
  expression?: ParsedNode;
  operatorToken?: { kind: number };
}

interface ParsedSourceFile {
  statements: readonly ParsedNode[];
}

/** The slice of the `typescript` package that parses a cell (the same compiler that strips types from TypeScript cells). */
export interface CellParser {
  createSourceFile(fileName: string, text: string, languageVersion: number, setParentNodes: boolean): ParsedSourceFile;
  ScriptTarget: { Latest: number };
  SyntaxKind: { ExpressionStatement: number; BinaryExpression: number; FirstAssignment: number; LastAssignment: number };
}

export const cellParserSchema = z.object({
  createSourceFile: z.function(),
  ScriptTarget: z.object({ Latest: z.number() }),
  SyntaxKind: z.object({ ExpressionStatement: z.number(), BinaryExpression: z.number(), FirstAssignment: z.number(), LastAssignment: z.number() }),
});

/**
 * Jupyter shows the value of a cell's last expression. Cells run as the body of an async
 * function, so that value is made the function's result: when the last top-level statement
 * is an expression statement, it becomes `return (<expression>);`. Everything else (and the
 * line of every character) stays as written, so error lines still match the cell's.
 *
 * An assignment (`x = 1`) is a statement to a reader, as in Jupyter's Python, and shows nothing.
 * `code` must be JavaScript (TypeScript cells are transpiled first) that the engine has already
 * accepted, so the parser never sees a syntax error here.
 */
export function returnLastExpression(parser: CellParser, code: string): string {
  const file = parser.createSourceFile("cell.js", code, parser.ScriptTarget.Latest, true);
  const last = file.statements[file.statements.length - 1];
  if (!last || last.kind !== parser.SyntaxKind.ExpressionStatement || !last.expression) return code;
  const expression = last.expression;
  if (expression.kind === parser.SyntaxKind.BinaryExpression && isAssignment(parser, expression.operatorToken?.kind)) return code;
  const start = expression.getStart(file);
  return `${code.slice(0, last.getStart(file))}return (${code.slice(start, expression.end)});${code.slice(last.end)}`;
}

function isAssignment(parser: CellParser, operator: number | undefined): boolean {
  return operator !== undefined && operator >= parser.SyntaxKind.FirstAssignment && operator <= parser.SyntaxKind.LastAssignment;
}
