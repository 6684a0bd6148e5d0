/**
 * Canvas scaling: compile time of a generated graph and time to first render of
 * that graph in Chromium, for 30 and 300 nodes side by side.
 *
 *   npm run build && npx tsx bench/canvas.ts
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from "../e2e/chromium";
import { readCsv } from "../pipeline/ml/table/read-csv";
import { schemaOf } from "../pipeline/ml/table/table";
import { compileGraph } from "../pipeline/compiler/compile";
import { catalog } from "../pipeline/nodes/catalog";
import { generatedGraph } from "./generatedGraph";
import { startProductionServer } from "./productionServer";

const SIZES = [30, 300];
const COMPILE_REPEATS = 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function compileMs(nodeCount: number): { ms: number; nodes: number; ok: boolean } {
  const graph = generatedGraph(nodeCount);
  const iris = schemaOf(readCsv(readFileSync("public/datasets/iris.csv"), {}));
  const times: number[] = [];
  let ok = false;
  for (let i = 0; i < COMPILE_REPEATS; i += 1) {
    const start = performance.now();
    ok = compileGraph(graph, catalog, { datasetSchemas: { "sample:iris": iris } }).ok;
    times.push(performance.now() - start);
  }
  return { ms: median(times), nodes: graph.nodes.length, ok };
}

async function renderTimes(): Promise<Record<number, number>> {
  const server = await startProductionServer();
  const base = server.baseURL;
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    // Timed inside the page from the start of navigation, so polling from here adds nothing: the moment the
    // canvas holds as many nodes as the pipeline has (passed in the URL as benchNodes).
    await page.addInitScript(() => {
      const expected = Number(new URLSearchParams(location.search).get("benchNodes"));
      if (!expected) return;
      const observer = new MutationObserver(() => {
        if (document.querySelectorAll(".react-flow__node").length < expected) return;
        (window as unknown as Record<string, number>).__allNodesAt = performance.now();
        observer.disconnect();
      });
      observer.observe(document, { subtree: true, childList: true });
    });
    await page.goto(`${base}/signup`);
    await page.getByLabel("Email").fill(`bench-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill("benchmark password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL("**/projects");
    const trpc = (path: string, input: unknown) =>
      page.evaluate(
        async ([p, body]) => {
          const response = await fetch(`/api/trpc/${p}`, { method: "POST", headers: { "content-type": "application/json" }, body });
          return (await response.json()) as { result: { data: { json: Record<string, string> } } };
        },
        [path, JSON.stringify({ json: input })] as const,
      );
    const { id: projectId } = (await trpc("project.create", { name: "Bench" })).result.data.json as { id: string };
    const times: Record<number, number> = {};
    for (const size of SIZES) {
      const graph = generatedGraph(size);
      const { id: pipelineId } = (await trpc("pipeline.create", { projectId, name: `${size} nodes` })).result.data.json as { id: string };
      await trpc("pipeline.saveVersion", { projectId, pipelineId, graph, message: "bench", baseVersionId: null });
      const samples: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        await page.goto(`${base}/projects/${projectId}/pipelines/${pipelineId}?benchNodes=${graph.nodes.length}`);
        const handle = await page.waitForFunction(() => (window as unknown as Record<string, number | undefined>).__allNodesAt, undefined, {
          timeout: 120_000,
        });
        samples.push((await handle.jsonValue()) as number);
      }
      times[size] = median(samples);
    }
    await browser.close();
    return times;
  } finally {
    server.stop();
  }
}

const compiled = SIZES.map((size) => ({ size, ...compileMs(size) }));
const rendered = await renderTimes();
const [small, large] = compiled;
console.log("\nCanvas scaling (median of 3; render = from navigation start until every node is in the DOM, timed in the page)\n");
console.log("nodes  compiles  compile ms  first render ms");
for (const c of compiled) {
  console.log(`${String(c.nodes).padStart(5)}  ${String(c.ok).padStart(8)}  ${c.ms.toFixed(2).padStart(10)}  ${rendered[c.size]!.toFixed(0).padStart(15)}`);
}
console.log(
  `\n${large!.nodes}/${small!.nodes} nodes = ${(large!.nodes / small!.nodes).toFixed(1)}x: compile ${(large!.ms / small!.ms).toFixed(1)}x, first render ${(rendered[SIZES[1]!]! / rendered[SIZES[0]!]!).toFixed(1)}x`,
);
