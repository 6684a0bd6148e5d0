/**
 * A real-sized table in the browser tab: the issue-15 table (20 normal features, yes/no label) at
 * 200,000 rows (`--rows N` for another size) uploaded as a project dataset, then load → split →
 * gradient-boosted trees (100 rounds) → evaluate run in Chromium's run worker and, in the same run,
 * on a server worker of the same production server, as the reference. Prints each side's time from
 * Run to succeeded, the accuracy, and the peak resident memory of the Chromium renderer that holds
 * the page and its run worker (sampled from /proc every 100 ms): whether the tab survives the table,
 * and at what cost beside the server; and the most dedicated workers the page had (the run worker
 * and the model threads it starts, which stay for later runs).
 *
 *   npm run build && npx tsx bench/browser-scale.ts [--rows 200000]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from "../e2e/chromium";
import type { StoredGraph } from "@/contracts/storedGraph";
import { startProductionServer } from "./productionServer";
import { writeYesNoCsv } from "./syntheticTable";

const rowsAt = process.argv.indexOf("--rows");
const rows = rowsAt === -1 ? 200_000 : Number(process.argv[rowsAt + 1]);
if (!Number.isInteger(rows) || rows < 1000) throw new Error("--rows takes a whole number ≥ 1000");

const graph: StoredGraph = {
  nodes: [
    { id: "load", kind: "load", params: { dataset: "dataset:scale" }, position: { x: 0, y: 0 } },
    { id: "split", kind: "split", params: { seed: 1 }, position: { x: 260, y: 0 } },
    { id: "model", kind: "gradient-boosting", params: { target: "label", maxIterations: 100, earlyStopping: "off" }, position: { x: 520, y: 0 } },
    { id: "evaluate", kind: "evaluate", params: {}, position: { x: 780, y: 0 } },
  ],
  edges: [
    { source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
    { source: "split", sourceHandle: "split", target: "model", targetHandle: "data" },
    { source: "model", sourceHandle: "model", target: "evaluate", targetHandle: "model" },
    { source: "split", sourceHandle: "split", target: "evaluate", targetHandle: "data" },
  ],
};

/** Resident memory (MB) of Chromium's renderer processes: the page and its dedicated workers live in one. */
function rendererRssMb(browserPid: number): number {
  let total = 0;
  const children = new Map<number, number[]>();
  const stats: { pid: number; rssPages: number; renderer: boolean }[] = [];
  for (const name of readdirNumeric("/proc")) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.replace(/^.*\) /s, "").split(" ");
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), name]);
      const cmdline = readFileSync(`/proc/${name}/cmdline`, "utf8");
      stats.push({ pid: name, rssPages: Number(fields[21]), renderer: cmdline.includes("--type=renderer") });
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = new Set<number>();
  const queue = [browserPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    tree.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  for (const s of stats) if (tree.has(s.pid) && s.renderer) total += (s.rssPages * 4096) / 2 ** 20;
  return total;
}

function readdirNumeric(dir: string): number[] {
  return readdirSync(dir)
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** The Chromium this process launched: a child of ours whose command line names it. */
function launchedChromium(): number | undefined {
  return readdirNumeric("/proc").find((pid) => {
    try {
      const ppid = Number(
        readFileSync(`/proc/${pid}/stat`, "utf8")
          .replace(/^.*\) /s, "")
          .split(" ")[1],
      );
      return ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("chrom");
    } catch {
      return false;
    }
  });
}

async function runOn(page: Page, target: "browser" | "server", browserPid: number) {
  let peak = 0;
  // The page's dedicated workers: the run worker, and the model threads it starts (Web Workers).
  let workers = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rendererRssMb(browserPid));
    workers = Math.max(workers, page.workers().length);
  }, 100);
  const before = rendererRssMb(browserPid);
  await page.getByLabel("Where to run").selectOption(target);
  const started = performance.now();
  await page.getByRole("button", { name: "Run (ignore cache)" }).click();
  const status = page.getByTestId("run-status");
  await status.filter({ hasText: /succeeded|failed|cancelled/ }).waitFor({ timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const outcome = await status.innerText();
  if (outcome !== "succeeded") throw new Error(`The ${target} run ${outcome}: ${await page.getByRole("region", { name: "Run" }).innerText()}`);
  const metrics = await page.getByTestId("metrics-evaluate").innerText();
  const accuracy = /accuracy\s+([\d.]+)/.exec(metrics)?.[1] ?? "?";
  return { seconds, accuracy, rendererMb: { before, peak }, workers };
}

const folder = mkdtempSync(path.join(tmpdir(), "vajra-browser-scale-"));
const file = path.join(folder, "scale.csv");
writeYesNoCsv(file, rows, (x) => (Math.round(x * 1e4) / 1e4).toString());
const server = await startProductionServer();
try {
  const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
  const browserPid = launchedChromium();
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  await page.goto(`${server.baseURL}/signup`);
  await page.getByLabel("Email").fill(`scale-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("benchmark password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/projects");
  await page.getByRole("link", { name: /Demo: Iris flowers/ }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  const projectId = /projects\/([^/]+)/.exec(page.url())![1]!;
  const panel = page.locator("#datasets");
  await panel.getByLabel("Dataset file").setInputFiles(file);
  await panel.getByLabel("Dataset name").fill("scale");
  await panel.getByRole("button", { name: "Upload" }).click();
  await panel.getByRole("status").filter({ hasText: 'Uploaded "scale"' }).waitFor({ timeout: 300_000 });
  // One evaluate per call, with no functions declared inside: tsx's helpers would not exist in the page.
  const trpc = (procedure: string, input: unknown) =>
    page.evaluate(
      async ([p, body]) => {
        const response = await fetch(`/api/trpc/${p}`, { method: "POST", headers: { "content-type": "application/json" }, body });
        return ((await response.json()) as { result: { data: { json: { id: string } } } }).result.data.json;
      },
      [procedure, JSON.stringify({ json: input })] as const,
    );
  const { id: pipelineId } = await trpc("pipeline.create", { projectId, name: "Scale" });
  await trpc("pipeline.saveVersion", { projectId, pipelineId, graph, message: "bench", baseVersionId: null });
  await page.goto(`${server.baseURL}/projects/${projectId}/pipelines/${pipelineId}`);
  await page.locator(".react-flow__node").first().waitFor();
  if (browserPid === undefined) throw new Error("No Chromium process id to read memory from");
  const inBrowser = await runOn(page, "browser", browserPid);
  const onServer = await runOn(page, "server", browserPid);
  await browser.close();
  console.log(
    `\n${rows.toLocaleString("en-US")} rows × 20 (${(readFileSync(file).byteLength / 2 ** 20).toFixed(0)} MB CSV): load → split → GBT (100 rounds) → evaluate; load average ${loadavg()[0]!.toFixed(2)}`,
  );
  console.log("where    Run → succeeded  accuracy  renderer RSS MB before → peak  page's workers");
  for (const [where, r] of [
    ["browser", inBrowser],
    ["server", onServer],
  ] as const) {
    console.log(
      `${where.padEnd(8)} ${`${r.seconds.toFixed(1)} s`.padStart(15)}  ${r.accuracy.padStart(8)}  ${`${r.rendererMb.before.toFixed(0)} → ${r.rendererMb.peak.toFixed(0)}`.padEnd(30)}${r.workers}`,
    );
  }
  console.log(`browser / server time: ${(inBrowser.seconds / onServer.seconds).toFixed(2)}×`);
} finally {
  server.stop();
  rmSync(folder, { recursive: true, force: true });
}
