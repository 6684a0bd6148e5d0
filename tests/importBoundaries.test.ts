import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { CHECKED_FOLDERS, formatViolation, violationsOf } from "./architecture/boundaryRules";
import { importCycles } from "./architecture/importCycles";
import { importsOf, sourceFiles, type SourceImport } from "./architecture/sourceImports";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** An import as the scanner reports it, for the rule cases below. */
const imported = (from: string, target: string | null, specifier = target ?? ""): SourceImport => ({ from, specifier, target, typeOnly: false });

describe("import boundaries (README, Architecture: every import runs downhill)", () => {
  const imports = sourceFiles(ROOT, CHECKED_FOLDERS).flatMap((file) => importsOf(ROOT, file));

  it("no import runs uphill in app → components → server → workers → pipeline, out of pipeline/, out of contracts/ or into test support", () => {
    const violations = imports.flatMap(violationsOf).map(formatViolation);
    expect(violations.join("\n")).toBe("");
  });

  it("pipeline/ has no import cycles", () => {
    // Type-only imports are left out: they are erased at compile time and cannot order module loading.
    const edges = new Map<string, string[]>();
    for (const { from, target, typeOnly } of imports) {
      if (!from.startsWith("pipeline/") || typeOnly || !target?.startsWith("pipeline/")) continue;
      edges.set(from, [...(edges.get(from) ?? []), target]);
    }
    const cycles = importCycles(edges).flatMap((cycle) =>
      cycle.flatMap((from) =>
        (edges.get(from) ?? []).filter((to) => cycle.includes(to)).map((to) => formatViolation({ from, to, rule: `import cycle through ${cycle.join(", ")}` })),
      ),
    );
    expect(cycles.join("\n")).toBe("");
  });
});

describe("the boundary rules", () => {
  it.each([
    ["components/a.tsx", "server/db.ts", "", false],
    ["server/a.ts", "components/ui/Button.tsx", "uphill: server → components", true],
    ["workers/node/a.ts", "server/db.ts", "uphill: workers → server", true],
    ["pipeline/nodes/a.ts", "server/db.ts", "out of pipeline/", true],
    ["pipeline/nodes/a.ts", "generated/prisma/client.ts", "out of pipeline/", true],
    ["pipeline/nodes/a.ts", "contracts/storedGraph.ts", "out of pipeline/", true],
    ["contracts/storedGraph.ts", "pipeline/spec/graph.ts", "", false],
    ["contracts/a.ts", "pipeline/nodes/catalog.ts", "contracts import only contracts, pipeline/spec and packages", true],
    ["workers/browser/a.ts", "components/notebook/x.ts", "browser worker imports components/", true],
    ["contracts/a.ts", "server/db.ts", "contracts import only contracts, pipeline/spec and packages", true],
    ["server/a.ts", "server/testing/callers.ts", "production code imports test support", true],
    ["server/a.test.ts", "server/testing/callers.ts", "", false],
    ["server/a.test.ts", "pipeline/testing/testCatalog.ts", "", false],
    ["server/a.ts", "server/b.test.ts", "production code imports test support", true],
  ])("%s → %s", (from, target, rule, broken) => {
    const found = violationsOf(imported(from, target)).map((v) => v.rule);
    expect(found).toEqual(broken ? [rule] : []);
  });

  it("contracts import no node: modules, React or Prisma; pipeline/ no React, Next or Prisma", () => {
    expect(violationsOf(imported("contracts/a.ts", null, "zod"))).toEqual([]);
    expect(violationsOf(imported("contracts/a.ts", null, "node:fs"))).toHaveLength(1);
    expect(violationsOf(imported("contracts/a.ts", null, "react"))).toHaveLength(1);
    expect(violationsOf(imported("pipeline/a.ts", null, "@prisma/client"))).toHaveLength(1);
    expect(violationsOf(imported("pipeline/a.ts", null, "@tensorflow/tfjs"))).toEqual([]);
  });

  it("finds cycles, including a file importing itself, and nothing in a tree", () => {
    const cycles = importCycles(
      new Map([
        ["a", ["b"]],
        ["b", ["c"]],
        ["c", ["a", "d"]],
        ["d", []],
        ["e", ["e"]],
      ]),
    );
    expect(cycles).toEqual([["a", "b", "c"], ["e"]]);
    expect(
      importCycles(
        new Map([
          ["a", ["b", "c"]],
          ["b", ["c"]],
        ]),
      ),
    ).toEqual([]);
  });
});

describe("the import scanner", () => {
  const root = mkdtempSync(path.join(tmpdir(), "import-scan-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("reads static, re-export, type, dynamic, require and worker URL references and resolves relative and @/ paths", () => {
    mkdirSync(path.join(root, "components/x"), { recursive: true });
    mkdirSync(path.join(root, "server/db"), { recursive: true });
    writeFileSync(path.join(root, "server/db/index.ts"), "");
    writeFileSync(path.join(root, "server/a.ts"), "");
    writeFileSync(path.join(root, "components/x/b.tsx"), "");
    writeFileSync(
      path.join(root, "components/x/Scanned.tsx"),
      [
        `import { z } from "zod";`,
        `import type { A } from "@/server/a";`,
        `export { B } from "./b";`,
        `const db = await import("../../server/db");`,
        `const fs = require("node:fs");`,
        `const worker = new Worker(new URL("../../workers/browser/w.ts", import.meta.url));`,
        `const data = new URL("https://example.com");`,
        `type C = typeof import("@/server/a.js");`,
      ].join("\n"),
    );
    const found = importsOf(root, "components/x/Scanned.tsx").map(({ specifier, target, typeOnly }) => [specifier, target, typeOnly]);
    expect(found).toEqual([
      ["zod", null, false],
      ["@/server/a", "server/a.ts", true],
      ["./b", "components/x/b.tsx", false],
      ["../../server/db", "server/db/index.ts", false],
      ["node:fs", null, false],
      ["../../workers/browser/w.ts", "workers/browser/w.ts", false],
      ["@/server/a.js", "server/a.ts", true],
    ]);
  });
});
