import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** One module reference in a source file, as written and as resolved against the repository. */
export interface SourceImport {
  /** Repository-relative path of the importing file, with forward slashes. */
  from: string;
  /** The specifier as written: "./x", "@/server/db", "zod", "node:fs". */
  specifier: string;
  /** Repository-relative path the specifier points at, or null for a package. */
  target: string | null;
  /** `import type` / `export type` (or only type specifiers): gone after compilation. */
  typeOnly: boolean;
}

const SOURCE_EXTENSIONS = [".ts", ".tsx"];
const RESOLVE_SUFFIXES = ["", ".ts", ".tsx", ".js", ".mjs", "/index.ts", "/index.tsx"];

/** Every .ts/.tsx file under the given top-level folders, repository-relative. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (SOURCE_EXTENSIONS.some((extension) => entry.name.endsWith(extension))) files.push(relative);
    }
  };
  for (const folder of folders) if (existsSync(path.join(root, folder))) walk(folder);
  return files.sort();
}

/**
 * The file a relative or `@/` specifier names, repository-relative. An import written with a
 * .js extension of a .ts file, a folder's index and an extensionless path all resolve; a path
 * that names nothing on disk is kept as written, so its folder still says which tier it is in.
 */
function resolveTarget(root: string, from: string, specifier: string): string | null {
  let absolute: string;
  if (specifier.startsWith("@/")) absolute = path.join(root, specifier.slice(2));
  else if (specifier.startsWith("./") || specifier.startsWith("../")) absolute = path.resolve(root, path.dirname(from), specifier);
  else return null;
  const candidates = [...RESOLVE_SUFFIXES.map((suffix) => absolute + suffix), absolute.replace(/\.js$/, ".ts"), absolute.replace(/\.js$/, ".tsx")];
  const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? absolute;
  return path.relative(root, found).split(path.sep).join("/");
}

const stringArgument = (node: ts.Expression | undefined) => (node && ts.isStringLiteralLike(node) ? node.text : undefined);

/** `import.meta.url`, the base of a worker or asset reference. */
const isImportMetaUrl = (node: ts.Expression | undefined) =>
  node !== undefined &&
  ts.isPropertyAccessExpression(node) &&
  node.name.text === "url" &&
  ts.isMetaProperty(node.expression) &&
  node.expression.keywordToken === ts.SyntaxKind.ImportKeyword;

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly)
  );
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/**
 * Every module a file refers to: static `import … from` and `export … from`, `import x =
 * require()`, dynamic `import()`, `require()` with a literal, and `new URL("…", import.meta.url)`
 * (how Web Workers are started, so a worker script counts as imported by the file starting it).
 */
export function importsOf(root: string, file: string): SourceImport[] {
  const text = readFileSync(path.join(root, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: SourceImport[] = [];
  const add = (specifier: string, typeOnly: boolean) => found.push({ from: file, specifier, target: resolveTarget(root, file, specifier), typeOnly });

  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const specifier = stringArgument(node.moduleSpecifier);
      if (specifier !== undefined) add(specifier, isTypeOnlyImport(node));
    } else if (ts.isExportDeclaration(node)) {
      const specifier = stringArgument(node.moduleSpecifier);
      if (specifier !== undefined) add(specifier, isTypeOnlyExport(node));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const specifier = stringArgument(node.moduleReference.expression);
      if (specifier !== undefined) add(specifier, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node)) {
      // `typeof import("…")` in a type position.
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal)) add(argument.literal.text, true);
    } else if (ts.isCallExpression(node)) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require";
      const specifier = stringArgument(node.arguments[0]);
      if ((isDynamicImport || isRequire) && specifier !== undefined) add(specifier, false);
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "URL") {
      const specifier = stringArgument(node.arguments?.[0]);
      if (specifier !== undefined && isImportMetaUrl(node.arguments?.[1]) && (specifier.startsWith("./") || specifier.startsWith("../"))) add(specifier, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
