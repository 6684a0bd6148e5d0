import { chromium, type Browser } from "@playwright/test";
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from "../../../e2e/chromium";
import { assignmentLetters, SPLIT_FIXTURE_CASES, SPLIT_FIXTURE_TYPES, splitFixtureCsv } from "../../testing/splitFixture";
import { readCsv } from "../table/read-csv";
import { splitRows } from "./split";

/**
 * A pipeline split in the browser worker must put every row where a server worker puts it.
 * The CSV reader and the split are bundled for the browser, run in Chromium on the stored
 * fixture and on a generated 20,000-row table, and compared with Node and the stored assignments.
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** What the bundle puts on `globalThis.splitCheck`. */
interface SplitCheck {
  fixtureAssignments(): string[];
  generatedHashes(rows: number): number[];
}

/** The same code path in both engines: a deterministic numeric table read from CSV, then hashed. */
const CHECK_SOURCE = `
import { readCsv } from "./pipeline/ml/table/read-csv";
import { rowHashes } from "./pipeline/ml/split/row-hash";
import { splitRows } from "./pipeline/ml/split/split";
import { assignmentLetters, SPLIT_FIXTURE_CASES, SPLIT_FIXTURE_TYPES, splitFixtureCsv } from "./pipeline/testing/splitFixture";

export function fixtureAssignments() {
  const table = readCsv(splitFixtureCsv(), { types: SPLIT_FIXTURE_TYPES });
  return SPLIT_FIXTURE_CASES.map((c) => assignmentLetters(splitRows(table, c.params), table.rowCount));
}

export function generatedHashes(rows) {
  let state = 7;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
  const lines = ["a,b,c,d,label"];
  for (let r = 0; r < rows; r++) {
    lines.push([(next() * 2 - 1).toFixed(4), String(next() * 1e6 - 5e5), Math.floor(next() * 100), (next() - 0.5) * 1e-300, next() < 0.5 ? "yes" : "no"].join(","));
  }
  return Array.from(rowHashes(readCsv(lines.join("\\n")), 11));
}
`;

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  const built = await build({
    stdin: { contents: CHECK_SOURCE, resolveDir: ROOT, loader: "ts" },
    bundle: true,
    format: "iife",
    globalName: "splitCheck",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  bundle = built.outputFiles[0]!.text;
  browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
});

/** Runs `run` in a fresh Chromium page that has loaded the bundle. */
async function inChromium<T>(run: (rows: number) => T, rows: number): Promise<T> {
  const page = await browser.newPage();
  try {
    await page.addScriptTag({ content: bundle });
    return await page.evaluate(run, rows);
  } finally {
    await page.close();
  }
}

describe("split in Chromium and Node", () => {
  it("gives the stored assignments in Chromium, as in Node", async () => {
    const inBrowser = await inChromium(() => (globalThis as unknown as { splitCheck: SplitCheck }).splitCheck.fixtureAssignments(), 0);
    const table = readCsv(splitFixtureCsv(), { types: SPLIT_FIXTURE_TYPES });
    const inNode = SPLIT_FIXTURE_CASES.map((c) => assignmentLetters(splitRows(table, c.params), table.rowCount));
    expect(inNode).toEqual(SPLIT_FIXTURE_CASES.map((c) => c.expected));
    expect(inBrowser).toEqual(inNode);
  }, 60_000);

  it("hashes every row of a generated 20,000-row table identically", async () => {
    const rows = 20_000;
    const inBrowser = await inChromium((n) => (globalThis as unknown as { splitCheck: SplitCheck }).splitCheck.generatedHashes(n), rows);
    // The same bundle in Node's engine.
    const inNode = (new Function(`${bundle}; return splitCheck;`)() as SplitCheck).generatedHashes(rows);
    expect(inBrowser).toHaveLength(rows);
    expect(inBrowser).toEqual(inNode);
    expect(new Set(inNode).size).toBeGreaterThan(rows - 5);
  }, 60_000);
});
