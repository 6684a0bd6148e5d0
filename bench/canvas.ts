/**
 * Canvas scaling: compile time of a generated graph and time to first render of
 * that graph in Chromium, for 30 and 300 nodes side by side.
 *
 *   npm run build && npx tsx bench/canvas.ts
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { chromium, type Page } from "playwright-core";
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

interface RenderTimes {
  drawn: number;
  interactive: number;
  /** Frame intervals while dragging a node across the canvas. */
  drag: { p50: number; p95: number; frames: number };
}

/** Drags the second node 300 px in 30 mouse moves and times the frames in the page meanwhile. */
async function dragFrames(page: Page): Promise<RenderTimes["drag"]> {
  const box = await page.locator(".react-flow__node-pipeline").nth(1).boundingBox();
  if (!box) throw new Error("No node to drag");
  // A string, as for the init script: tsx's helpers would not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    let last = performance.now();
    function tick(now) {
      window.__frames.push(now - last);
      last = now;
      if (window.__recording) requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  })()`);
  const x = box.x + box.width / 2;
  const y = box.y + 8;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 1; step <= 30; step += 1) await page.mouse.move(x + step * 10, y + step * 3);
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames.slice(1);
  });
  const sorted = [...frames].sort((a, b) => a - b);
  return { p50: median(frames), p95: sorted[Math.floor(sorted.length * 0.95)]!, frames: frames.length };
}

async function renderTimes(): Promise<Record<number, RenderTimes>> {
  const server = await startProductionServer();
  const base = server.baseURL;
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    // Timed inside the page from the start of navigation, so polling from here adds nothing (the pipeline's
    // node count comes in the URL as benchNodes). Drawn: the first paint at which every node is in the page and
    // visible (the server renders the canvas into the HTML). Interactive: the browser has measured the nodes
    // and drawn the edges itself, i.e. the canvas is hydrated and can be edited. A string, not a function,
    // because tsx's helpers would not exist in the page.
    await page.addInitScript({
      content: `(() => {
        const expected = Number(new URLSearchParams(location.search).get("benchNodes"));
        if (!expected) return;
        let firstPaint = null;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (entry.name === "first-contentful-paint") firstPaint = entry.startTime;
        }).observe({ type: "paint", buffered: true });
        function frame(now) {
          const nodes = document.querySelectorAll(".react-flow__node");
          if (window.__nodesVisibleAt === undefined && nodes.length >= expected && nodes[nodes.length - 1].checkVisibility()) window.__nodesVisibleAt = now;
          if (window.__nodesVisibleAt !== undefined && window.__drawnAt === undefined && firstPaint !== null) window.__drawnAt = Math.max(firstPaint, window.__nodesVisibleAt);
          const node = document.querySelector(".react-flow__node-pipeline");
          const measured = node !== null && node.style.width === "" && document.querySelector(".react-flow__edge") !== null;
          if (measured && window.__interactiveAt === undefined) window.__interactiveAt = now;
          if (window.__drawnAt === undefined || window.__interactiveAt === undefined) requestAnimationFrame(frame);
        }
        requestAnimationFrame(frame);
      })();`,
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
    const times: Record<number, RenderTimes> = {};
    for (const size of SIZES) {
      const graph = generatedGraph(size);
      const { id: pipelineId } = (await trpc("pipeline.create", { projectId, name: `${size} nodes` })).result.data.json as { id: string };
      await trpc("pipeline.saveVersion", { projectId, pipelineId, graph, message: "bench", baseVersionId: null });
      const drawn: number[] = [];
      const interactive: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        await page.goto(`${base}/projects/${projectId}/pipelines/${pipelineId}?benchNodes=${graph.nodes.length}`);
        const handle = await page.waitForFunction(
          () => {
            const w = window as unknown as Record<string, number | undefined>;
            return w.__drawnAt !== undefined && w.__interactiveAt !== undefined && [w.__drawnAt, w.__interactiveAt];
          },
          undefined,
          { timeout: 120_000 },
        );
        const [drawnAt, interactiveAt] = (await handle.jsonValue()) as [number, number];
        drawn.push(drawnAt);
        interactive.push(interactiveAt);
      }
      times[size] = { drawn: median(drawn), interactive: median(interactive), drag: await dragFrames(page) };
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
const load = loadavg()[0]!.toFixed(2);
console.log(`\nCanvas scaling (median of 3, timed in the page from navigation start; load average ${load})`);
console.log("drawn = first paint with every node visible; interactive = nodes measured and edges drawn by the browser\n");
console.log("nodes  compiles  compile ms  drawn ms  interactive ms  drag frame p50 / p95 ms");
for (const c of compiled) {
  const r = rendered[c.size]!;
  console.log(
    `${String(c.nodes).padStart(5)}  ${String(c.ok).padStart(8)}  ${c.ms.toFixed(2).padStart(10)}  ${r.drawn.toFixed(0).padStart(8)}  ${r.interactive.toFixed(0).padStart(14)}  ${`${r.drag.p50.toFixed(1)} / ${r.drag.p95.toFixed(1)}`.padStart(24)}`,
  );
}
const [smallRender, largeRender] = SIZES.map((size) => rendered[size]!);
console.log(
  `\n${large!.nodes}/${small!.nodes} nodes = ${(large!.nodes / small!.nodes).toFixed(1)}x: compile ${(large!.ms / small!.ms).toFixed(1)}x, drawn ${(largeRender!.drawn / smallRender!.drawn).toFixed(1)}x, interactive ${(largeRender!.interactive / smallRender!.interactive).toFixed(1)}x`,
);
