/**
 * Tuner trials spread over server workers: the credit_data tuned-GBT example (TPE, 12
 * trials proposed 4 at a time) run by one `npm run worker` process against the same
 * run by two, on a throwaway database; each run in its own project so nothing is cached.
 * Run: npx tsx --conditions=react-server bench/tuner-workers.ts
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { useFreshDatabase } from "../server/testing/testDatabase";

const { databaseUrl, dataDir } = await useFreshDatabase();
const { db } = await import("../server/db");
const { signedUpCaller } = await import("../server/testing/callers");
const { saveGraph } = await import("../server/testing/runFixtures");
type Graph = Parameters<typeof saveGraph>[2];

const example = JSON.parse(readFileSync(new URL("../examples/credit_data_tuned.json", import.meta.url), "utf8")) as {
  nodes: { id: string; kind: string; params: Record<string, unknown>; inputs: Record<string, { node: string; output: string }> }[];
};
const graph: Graph = {
  nodes: example.nodes.map((n, i) => ({ id: n.id, kind: n.kind, params: n.params, position: { x: i * 200, y: 0 } })),
  edges: example.nodes.flatMap((n) =>
    Object.entries(n.inputs).map(([port, source]) => ({
      id: `${source.node}-${n.id}-${port}`,
      source: source.node,
      sourceHandle: source.output,
      target: n.id,
      targetHandle: port,
    })),
  ),
};
const { caller } = await signedUpCaller("bench@example.com");

function startWorkers(count: number): ChildProcess[] {
  return Array.from({ length: count }, (_, i) =>
    spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "server/worker/main.ts"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, VAJRA_WORKER_ID: `bench-${count}-${i}`, VAJRA_WORKER_POLL_MS: "100" },
      stdio: "ignore",
    }),
  );
}

async function timedRun(workerCount: number) {
  const projectId = (await caller.project.create({ name: `Bench ${workerCount}` })).id;
  const { pipelineId } = await saveGraph(caller, projectId, graph);
  const workers = startWorkers(workerCount);
  // Workers load TF.js before they poll: start the clock once they are up.
  await new Promise((resolve) => setTimeout(resolve, 4000));
  const started = performance.now();
  const { runId } = await caller.run.start({ projectId, pipelineId, target: "server" });
  for (;;) {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    if (run.status !== "queued" && run.status !== "running") break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const wallMs = performance.now() - started;
  for (const worker of workers) worker.kill("SIGTERM");
  const detail = await caller.run.get({ projectId, runId });
  if (detail.status !== "succeeded") throw new Error(`Run ${detail.status}: ${detail.error?.message}`);
  const trials = await db.tunerTrial.findMany({ where: { runId } });
  const byWorker = new Map<string, number>();
  for (const t of trials) byWorker.set(t.workerId ?? "?", (byWorker.get(t.workerId ?? "?") ?? 0) + 1);
  const test = detail.steps.find((s) => s.nodeId === "evaluate-tuned")!.metrics["accuracy"]!;
  return { wallMs, trials: trials.length, byWorker: [...byWorker.values()].join("/"), test };
}

const one = await timedRun(1);
const two = await timedRun(2);
console.log(`credit_data tuned GBT (TPE, 12 trials, 4 proposed at a time), ${cpus().length} CPU cores`);
console.log(["workers", "wall s", "trials per worker", "test accuracy"].join("\t"));
for (const [n, r] of [
  [1, one],
  [2, two],
] as const)
  console.log([n, (r.wallMs / 1000).toFixed(1), r.byWorker, r.test.toFixed(3)].join("\t"));
console.log(`speed-up with 2 workers: ${(one.wallMs / two.wallMs).toFixed(2)}×`);
process.exit(0);
