/**
 * Peak RSS of a server worker running the issue-15 pipeline: load → split 80/20 → gradient boosting
 * (100 rounds, no early stopping) → evaluate on a table of 20 normal features and a yes/no label
 * (CSV with 4 decimals, as bench/scale.ts writes it), uploaded as a project dataset to a throwaway
 * database. The run executes in a fresh child process set up as `npm run worker` sets itself up
 * (TF.js backend, model threads prestarted), so its peak is the run's. Issue 15's goal: 1M rows
 * within 2 GB. Run: npx tsx --conditions=react-server bench/server-memory.ts [--rows 1000000]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeYesNoCsv } from "./syntheticTable";

if (process.argv[2] === "--child") {
  const [databaseUrl, dataDir, projectId] = process.argv.slice(3);
  process.env.DATABASE_URL = databaseUrl;
  process.env.DATA_DIR = dataDir;
  const { configureNodeModelThreads } = await import("../pipeline/cli/nodeModelThreads");
  const { selectNodeBackend } = await import("../server/worker/tensorflow");
  const { testWorker, drainQueue } = await import("../server/testing/testWorker");
  const { db } = await import("../server/db");
  const backend = await selectNodeBackend();
  configureNodeModelThreads({ prestart: true });
  const worker = await testWorker("bench", { backend });
  const idleRssMb = process.memoryUsage().rss / 1048576;
  const started = performance.now();
  await drainQueue(worker);
  const seconds = (performance.now() - started) / 1000;
  const run = await db.run.findFirstOrThrow({ where: { projectId }, include: { steps: true } });
  const steps = Object.fromEntries(run.steps.map((step) => [step.nodeId, (step.durationMs ?? 0) / 1000]));
  console.log(JSON.stringify({ status: run.status, seconds, steps, idleRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const flag = process.argv.indexOf("--rows");
const rows = flag === -1 ? 1_000_000 : Number(process.argv[flag + 1]);
const directory = mkdtempSync(path.join(tmpdir(), "vajra-server-memory-"));
try {
  const file = path.join(directory, "table.csv");
  writeYesNoCsv(file, rows, (x) => (Math.round(x * 1e4) / 1e4).toString());
  const { useFreshDatabase } = await import("../server/testing/testDatabase");
  const { databaseUrl, dataDir } = await useFreshDatabase();
  const { db } = await import("../server/db");
  const { signedUpCaller } = await import("../server/testing/callers");
  const { saveGraph } = await import("../server/testing/runFixtures");
  const { createDatasetVersion } = await import("../server/datasets/datasetVersions");
  const { defaultBlobStore } = await import("../server/artifacts/defaultStore");
  const { user, caller } = await signedUpCaller("bench@example.com");
  const projectId = (await caller.project.create({ name: "Server memory" })).id;
  await createDatasetVersion(db, defaultBlobStore(), { projectId, userId: user.id, name: "table", fileName: "table.csv", bytes: readFileSync(file) });
  const at = (i: number) => ({ x: i * 200, y: 0 });
  const { pipelineId } = await saveGraph(caller, projectId, {
    nodes: [
      { id: "load", kind: "load", params: { dataset: "dataset:table" }, position: at(0) },
      { id: "split", kind: "split", params: { train: 0.8, validation: 0, test: 0.2, seed: 0 }, position: at(1) },
      { id: "model", kind: "gradient-boosting", params: { target: "label", maxIterations: 100, earlyStopping: "off" }, position: at(2) },
      { id: "evaluate", kind: "evaluate", params: { partition: "test" }, position: at(3) },
    ],
    edges: [
      { id: "e1", source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
      { id: "e2", source: "split", sourceHandle: "split", target: "model", targetHandle: "data" },
      { id: "e3", source: "model", sourceHandle: "model", target: "evaluate", targetHandle: "model" },
      { id: "e4", source: "split", sourceHandle: "split", target: "evaluate", targetHandle: "data" },
    ],
  });
  await caller.run.start({ projectId, pipelineId, target: "server" });
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [...process.execArgv, script, "--child", databaseUrl, dataDir, projectId], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0) throw new Error("the worker process failed");
  const result = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as {
    status: string;
    seconds: number;
    steps: Record<string, number>;
    idleRssMb: number;
    peakRssMb: number;
  };
  const steps = Object.entries(result.steps).map(([node, seconds]) => `${node} ${seconds.toFixed(2)} s`);
  console.log(`${rows.toLocaleString("en-US")} rows × 20: run ${result.status} in ${result.seconds.toFixed(1)} s (${steps.join(", ")})`);
  console.log(
    `peak RSS ${result.peakRssMb.toFixed(0)} MB (worker idle before the run: ${result.idleRssMb.toFixed(0)} MB); load average ${loadavg()[0]!.toFixed(1)}`,
  );
} finally {
  rmSync(directory, { recursive: true, force: true });
}
process.exit(0);
