/**
 * Serving latency and throughput of a deployed iris model over loopback HTTP, for
 * batches of 1 and 100 instances, beside the in-process cost of the same batch
 * (parse + predict, no HTTP, no auth, no logging), and the cost of the rate limit check
 * (one statement on the ServingRateBucket row all web processes share). A bounded fetch loop
 * with a fixed number of connections in flight drives the real route handler on a fresh database.
 * Run with `npx tsx --conditions=react-server bench/serving.ts [--seconds 5] [--concurrency 8]`.
 */
import { useFreshDatabase } from "../server/testing/testDatabase";

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
}
const seconds = flag("seconds", 5);
const concurrency = flag("concurrency", 8);

await useFreshDatabase();
const { db } = await import("../server/db");
const { signedUpCaller } = await import("../server/testing/callers");
const { serveHandler } = await import("../server/testing/serveHandler");
const { defaultBlobStore } = await import("../server/artifacts/defaultStore");
const { drainQueue, testWorker } = await import("../server/testing/testWorker");
const { handlePredict, createServingDeps } = await import("../server/deployments/predictHandler");
const { loadModelVersion } = await import("../server/deployments/modelCache");
const { parseInstances } = await import("../server/deployments/instances");
const { predictInstances } = await import("../server/deployments/predictions");
const { percentile } = await import("../server/deployments/stats");

const { caller } = await signedUpCaller("bench@example.com");
const projectId = (await caller.project.list())[0]!.id;
const pipelineId = (await caller.pipeline.list({ projectId }))[0]!.id;
const { runId } = await caller.run.start({ projectId, pipelineId, target: "server" });
await drainQueue(await testWorker("bench"));
const model = (await caller.run.get({ projectId, runId })).steps.find((s) => s.nodeId === "model")!.artifacts[0]!.id;
const deployment = await caller.deployment.create({ projectId, artifactId: model, limits: { rateLimitPerSecond: 1e5, rateLimitBurst: 1e6 } });
const deps = createServingDeps(db, defaultBlobStore());
const server = await serveHandler((req) => handlePredict(req, deployment.slug, deps));
const served = await loadModelVersion(db, deps.blobs, (await caller.deployment.get({ projectId, deploymentId: deployment.id })).current!.id);

const row = { sepal_length_cm: 5.1, sepal_width_cm: 3.5, petal_length_cm: 1.4, petal_width_cm: 0.2 };

async function overHttp(body: string) {
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const response = await fetch(`${server.url}${deployment.path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${deployment.key}`, "content-type": "application/json" },
          body,
        });
        await response.arrayBuffer();
        if (!response.ok) failures++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / ((performance.now() - started) / 1000), p50: percentile(latencies, 50)!, p99: percentile(latencies, 99)!, failures };
}

async function inProcess(body: string) {
  const times: number[] = [];
  const deadline = performance.now() + Math.min(seconds, 2) * 1000;
  while (performance.now() < deadline) {
    const t = performance.now();
    await predictInstances(served.model, parseInstances(JSON.parse(body), served.signature, 1000));
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50)!, p99: percentile(times, 99)! };
}

/** The shared limiter's take() alone, sequential and with `concurrency` callers on one key. */
async function limiterTakes(inFlight: number) {
  const times: number[] = [];
  const limits = { perSecond: 1e5, burst: 1e6 };
  const deadline = performance.now() + Math.min(seconds, 2) * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await deps.limiter.take("bench-limiter", limits);
        times.push(performance.now() - t);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50)!, p99: percentile(times, 99)! };
}

console.log(`loopback HTTP, ${concurrency} in flight, ${seconds} s per batch size`);
console.log("batch | HTTP req/s | HTTP p50 ms | HTTP p99 ms | failures | in-process p50 ms | in-process p99 ms");
for (const batch of [1, 100]) {
  const body = JSON.stringify({ instances: Array.from({ length: batch }, () => row) });
  const local = await inProcess(body);
  const http = await overHttp(body);
  console.log(
    `${batch} | ${http.rps.toFixed(0)} | ${http.p50.toFixed(2)} | ${http.p99.toFixed(2)} | ${http.failures} | ${local.p50.toFixed(3)} | ${local.p99.toFixed(3)}`,
  );
}
for (const inFlight of [1, concurrency]) {
  const take = await limiterTakes(inFlight);
  console.log(`shared rate limiter take(), ${inFlight} in flight on one key: p50 ${take.p50.toFixed(3)} ms, p99 ${take.p99.toFixed(3)} ms`);
}
await server.close();
// The worker started pg-boss (its maintenance timer would keep this process alive).
await (await import("../server/queue/queueBoss")).stopQueueBoss();
// The endpoint cache's LISTEN connection stays open while it caches endpoints.
(await import("../server/deployments/endpointChanges")).endpointChangeListener().close();
