/**
 * How long a browser run takes to start: from the Run click until the first node (Load) is
 * running, on the demo pipeline in real Chromium against the production build. Three cases:
 * a page clicked at once (cold), a page left open for a few seconds in a browser that never
 * measured its backends (first visit), and the same in a browser that remembers the measurement
 * (returning). The bar: ≤ 1.5 s on a warm page.
 * Run with `npx next build && npx tsx bench/browser-start.ts [--repeats 3] [--idle 5]`.
 */
import { parseArgs } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from "../e2e/chromium";
import { openDemoProject, signUp } from "../e2e/helpers";
import { startProductionServer } from "./productionServer";

const { values: args } = parseArgs({ options: { repeats: { type: "string", default: "3" }, idle: { type: "string", default: "5" } } });
const REPEATS = Number(args.repeats);
const IDLE_MS = Number(args.idle) * 1000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Opens the demo pipeline set to run in this browser; returns its URL. */
async function openDemoPipeline(page: Page): Promise<string> {
  await openDemoProject(page);
  await page.getByRole("link", { name: "Iris classifier" }).click();
  await page.waitForURL(/\/pipelines\//);
  return page.url();
}

/** Milliseconds from the Run click until the Load node reports running (or already done). */
async function timeToFirstNode(page: Page, idleMs: number): Promise<number> {
  await page.getByLabel("Where to run").selectOption("browser");
  await page.waitForTimeout(idleMs);
  const started = performance.now();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page
    .getByTestId("run-state-load")
    .filter({ hasText: /running|done|cached/ })
    .waitFor({ timeout: 120_000 });
  const elapsed = performance.now() - started;
  await page
    .getByTestId("run-status")
    .filter({ hasText: /succeeded|failed|cancelled/ })
    .waitFor({ timeout: 120_000 });
  return elapsed;
}

async function freshVisitor(browser: Browser, baseURL: string): Promise<{ page: Page; pipeline: string }> {
  const page = await (await browser.newContext({ baseURL, viewport: { width: 1600, height: 1000 } })).newPage();
  await signUp(page, `bench-${Date.now()}-${Math.random()}@example.com`);
  return { page, pipeline: await openDemoPipeline(page) };
}

const server = await startProductionServer();
const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
try {
  const cold: number[] = [];
  const firstVisit: number[] = [];
  const returning: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const a = await freshVisitor(browser, server.baseURL);
    cold.push(await timeToFirstNode(a.page, 0));
    await a.page.context().close();
    const b = await freshVisitor(browser, server.baseURL);
    firstVisit.push(await timeToFirstNode(b.page, IDLE_MS));
    // The same browser again: what it measured is remembered.
    await b.page.goto(b.pipeline);
    returning.push(await timeToFirstNode(b.page, IDLE_MS));
    await b.page.context().close();
  }
  console.log(`\nBrowser run start: Run click → first node running (median of ${REPEATS}; warm = page open ${IDLE_MS / 1000} s before Run)\n`);
  const rows: [string, number[]][] = [
    ["cold (Run at once, nothing measured)", cold],
    ["warm, first visit (nothing measured)", firstVisit],
    ["warm, returning (measurement remembered)", returning],
  ];
  for (const [name, samples] of rows) {
    console.log(`${name.padEnd(44)} ${(median(samples) / 1000).toFixed(2).padStart(6)} s   (${samples.map((s) => (s / 1000).toFixed(2)).join(", ")})`);
  }
  const warm = Math.max(median(firstVisit), median(returning));
  console.log(`\nBar (warm ≤ 1.5 s): ${warm <= 1500 ? "met" : "NOT met"} — cold/warm = ${(median(cold) / warm).toFixed(1)}×`);
} finally {
  await browser.close();
  server.stop();
}
