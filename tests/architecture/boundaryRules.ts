import { builtinModules } from "node:module";
import type { SourceImport } from "./sourceImports";

/** The tiers from the top down (README, Architecture): a file may import its own tier or any tier below. */
export const TIERS = ["app", "components", "server", "workers", "pipeline"] as const;
/** Schemas and constants two or more tiers share: importable by every tier above the engine; they build on the engine's spec only. */
export const SHARED = "contracts";
export const CHECKED_FOLDERS: readonly string[] = [...TIERS, SHARED];

/** One import that breaks a rule, printed as `file → target (rule)`. */
export interface Violation {
  from: string;
  to: string;
  rule: string;
}

export const formatViolation = (v: Violation) => `${v.from} → ${v.to} (${v.rule})`;

const topFolder = (file: string) => file.split("/")[0] ?? "";
const tierRank = (file: string) => (TIERS as readonly string[]).indexOf(topFolder(file));

export const isTestFile = (file: string) => /\.test\.tsx?$/.test(file);
/** Helpers only tests use live in `testing/` folders. */
const isTestSupport = (file: string) => file.split("/").slice(0, -1).includes("testing");
const isTestCode = (file: string) => isTestFile(file) || isTestSupport(file);

const isNodeBuiltin = (specifier: string) => specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0] ?? "");
/** What the engine and the contracts stay free of: React, Next, Prisma (and its generated client). */
const isFrameworkPackage = (specifier: string) => /^(react|react-dom|next|next-auth|server-only|prisma|@prisma\/[^/]+)(\/|$)/.test(specifier);

/** The rules one import breaks, if any (an import can break two: uphill and into test support). */
export function violationsOf(imported: SourceImport): Violation[] {
  const { from, specifier, target } = imported;
  const fromTop = topFolder(from);
  const found: Violation[] = [];
  const broken = (rule: string) => found.push({ from, to: target ?? specifier, rule });

  if (target === null) {
    if (fromTop === SHARED && (isNodeBuiltin(specifier) || isFrameworkPackage(specifier))) broken("contracts import only plain packages such as zod");
    else if (fromTop === "pipeline" && isFrameworkPackage(specifier)) broken("pipeline/ uses no React, Next or Prisma");
    return found;
  }

  const toTop = topFolder(target);
  if (fromTop === SHARED && toTop !== SHARED && !target.startsWith("pipeline/spec/")) broken("contracts import only contracts, pipeline/spec and packages");
  else if (fromTop === "pipeline" && toTop !== "pipeline" && (tierRank(target) >= 0 || toTop === SHARED || toTop === "generated")) broken("out of pipeline/");
  else if (from.startsWith("workers/browser/") && (toTop === "server" || toTop === "components")) broken(`browser worker imports ${toTop}/`);
  else if (tierRank(from) >= 0 && tierRank(target) >= 0 && tierRank(target) < tierRank(from)) broken(`uphill: ${fromTop} → ${toTop}`);

  if (isTestCode(target) && !isTestCode(from)) broken("production code imports test support");
  return found;
}
