/**
 * Server execution: a full run of an MLP pipeline on iris against the same run
 * again (every node from the project's artifact cache), and the worker's MLP
 * training throughput, on a throwaway database.
 * training throughput next to the raw TF.js probe on the same backend (batch 256,
 * no pipeline around it), measured in the same process.
 * Run: npx tsx --conditions=react-server bench/execution.ts [epochs] [batchSize]
 */
import { useFreshDatabase } from "../server/testing/testDatabase";

const epochs = Number(process.argv[2] ?? 30);
const batchSize = Number(process.argv[3] ?? 32);
await useFreshDatabase();
const { db } = await import("../server/db");
const { signedUpCaller } = await import("../server/testing/callers");
const { irisGraph, saveGraph } = await import("../server/testing/runFixtures");
const { testWorker } = await import("../server/testing/testWorker");
const { selectNodeBackend } = await import("../server/worker/tensorflow");
const { measureTrainingThroughput } = await import("../pipeline/ml/tf/timing-probe");

const backend = await selectNodeBackend();
const { caller } = await signedUpCaller("bench@example.com");
const projectId = (await caller.project.create({ name: "Bench" })).id;
const mlp = { kind: "mlp", params: { target: "species", epochs, batchSize, hiddenUnits: 64, earlyStopping: false } };
const { pipelineId } = await saveGraph(caller, projectId, irisGraph({ model: mlp }));
const worker = await testWorker("bench", { backend });

async function timedRun() {
  const { runId } = await caller.run.start({ projectId, pipelineId, target: "server" });
  const started = performance.now();
  await worker.runOnce();
  const wallMs = performance.now() - started;
  const run = await caller.run.get({ projectId, runId });
  if (run.status !== "succeeded") throw new Error(`Run ${run.status}: ${run.error?.message}`);
  return { wallMs, run };
}

const full = await timedRun();
const cached = await timedRun();
const model = full.run.steps.find((s) => s.nodeId === "model")!;
const split = await db.artifact.findFirstOrThrow({ where: { projectId, nodeId: "split" } });
const trainRows = Math.round(150 * 0.7);
const samplesPerSec = (trainRows * epochs) / ((model.durationMs ?? 1) / 1000);

const probe = await measureTrainingThroughput(1);

console.log(`backend ${backend}, MLP 64 units, ${epochs} epochs, batch ${batchSize}, ${trainRows} training rows (split artifact ${split.bytes} bytes)`);
console.log(["", "full run", "cached re-run", "ratio"].join("\t"));
console.log(["wall ms", full.wallMs.toFixed(0), cached.wallMs.toFixed(0), `${(full.wallMs / cached.wallMs).toFixed(1)}×`].join("\t"));
console.log(
  [
    "cache hits",
    `${full.run.steps.filter((s) => s.cacheHit).length}/${full.run.steps.length}`,
    `${cached.run.steps.filter((s) => s.cacheHit).length}/${cached.run.steps.length}`,
    "",
  ].join("\t"),
);
console.log(["", "worker MLP", "raw TF.js probe", "ratio"].join("\t"));
console.log(["samples/s", samplesPerSec.toFixed(0), probe.toFixed(0), `${(samplesPerSec / probe).toFixed(2)}×`].join("\t"));
// The worker started pg-boss (its maintenance timer would keep this process alive).
await (await import("../server/queue/queueBoss")).stopQueueBoss();
