/**
 * Serving latency and throughput of a deployed iris model over loopback HTTP, for batches of 1 and
 * 100 instances and for an unknown endpoint (404: the server's cost without the model), beside the
 * in-process cost of the same batch (parse + predict, no HTTP, no auth, no logging) and the cost of
 * the rate limit check (the shared ServingRateBucket row, leased). Prints batch 1 against the target
 * of issue 15 (≥ 3,000 req/s with 8 in flight, p99 ≤ 10 ms).
 *
 * Two servers run the same predict route on a fresh database, side by side:
 * - node:http: the route's handler behind a bare node:http server in this process (the ceiling
 *   without a framework);
 * - next start: the production build (`npx next build` first; skipped without one) as its own process;
 * - npm start: the same build in the web process `npm start` runs (server/web/main.ts), which answers
 *   predict calls ahead of Next.js's router.
 * The load comes from another process (bench/httpLoad.ts: keep-alive node:http, `--concurrency` in
 * flight), so each side's CPU time per request is reported apart; client and servers share the cores.
 * After each production server is stopped (SIGTERM) the request logs it wrote are counted against
 * the requests it answered.
 * Run with `npx tsx --conditions=react-server bench/serving.ts [--seconds 5] [--concurrency 8]`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import type { LoadResult, LoadSpec } from "./httpLoad";
import { freePort } from "./productionServer";
import { WEB_PROCESS_ARGS } from "../scripts/webProcess.mjs";
import { useFreshDatabase } from "../server/testing/testDatabase";

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
}
const seconds = flag("seconds", 5);
/** Under load a 1 s warm-up left the first row measuring code V8 had not optimised yet (twice the CPU per request). */
const WARMUP_SECONDS = 2;
const concurrency = flag("concurrency", 8);

const { databaseUrl, dataDir } = await useFreshDatabase();
const { db } = await import("../server/db");
const { signedUpCaller } = await import("../server/testing/callers");
const { serveHandler } = await import("../server/testing/serveHandler");
const { defaultBlobStore } = await import("../server/artifacts/defaultStore");
const { drainQueue, testWorker } = await import("../server/testing/testWorker");
const { handlePredict, createServingDeps } = await import("../server/deployments/predictHandler");
const { loadModelVersion } = await import("../server/deployments/modelCache");
const { parseInstances } = await import("../server/deployments/instances");
const { predictInstances } = await import("../server/deployments/predictions");
const { flushRequestLogs } = await import("../server/deployments/requestLog");
const { percentile } = await import("../server/deployments/stats");

const { caller } = await signedUpCaller("bench@example.com");
const projectId = (await caller.project.list())[0]!.id;
const pipelineId = (await caller.pipeline.list({ projectId }))[0]!.id;
const { runId } = await caller.run.start({ projectId, pipelineId, target: "server" });
await drainQueue(await testWorker("bench"));
const model = (await caller.run.get({ projectId, runId })).steps.find((s) => s.nodeId === "model")!.artifacts[0]!.id;
const deployment = await caller.deployment.create({ projectId, artifactId: model, limits: { rateLimitPerSecond: 1e5, rateLimitBurst: 1e6 } });
const deps = createServingDeps(db, defaultBlobStore());
const served = await loadModelVersion(db, deps.blobs, (await caller.deployment.get({ projectId, deploymentId: deployment.id })).current!.id);

const row = { sepal_length_cm: 5.1, sepal_width_cm: 3.5, petal_length_cm: 1.4, petal_width_cm: 0.2 };
const headers = { authorization: `Bearer ${deployment.key}`, "content-type": "application/json" };
const TICK_MS = 1000 / 100; // /proc/<pid>/stat counts CPU time in clock ticks of 10 ms (USER_HZ) on Linux.

/** CPU time (user + system) of a process and its descendants, from /proc. */
function treeCpuMs(root: number): number {
  const stats = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        // Fields after the parenthesised command name: state ppid … utime (14th field) stime (15th).
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
          .replace(/^.*\) /s, "")
          .split(" ");
        return [{ pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }];
      } catch {
        return [];
      }
    });
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const s of stats) if (!tree.has(s.pid) && tree.has(s.ppid)) grew = tree.add(s.pid).size > 0;
  }
  return stats.filter((s) => tree.has(s.pid)).reduce((sum, s) => sum + s.ticks, 0) * TICK_MS;
}

const selfCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Drives `url` from a load process; the server's CPU time is read while the load process measures (after its warm-up). */
async function load(url: string, body: string, serverCpuMs: () => number): Promise<LoadResult & { serverCpuMs: number }> {
  const spec: LoadSpec = { url, headers, body, concurrency, warmupSeconds: WARMUP_SECONDS, seconds };
  const child = spawn(process.execPath, ["--import", "tsx", "bench/httpLoad.ts", JSON.stringify(spec)], { stdio: ["ignore", "pipe", "inherit"] });
  let before = 0;
  let result: LoadResult | undefined;
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line === "measuring") before = serverCpuMs();
    else result = JSON.parse(line) as LoadResult;
  }
  const after = serverCpuMs();
  if (result === undefined) throw new Error("The load process printed no result");
  return { ...result, serverCpuMs: (after - before) / result.requests };
}

/**
 * The production servers on the build: `next start` (every request through Next.js's router) and
 * `npm start`'s web process (server/web/main.ts: predict calls answered ahead of the router).
 */
const PRODUCTION_SERVERS = {
  "next start": ["node_modules/next/dist/bin/next", "start"],
  "npm start": WEB_PROCESS_ARGS,
} as const;
type ProductionServer = keyof typeof PRODUCTION_SERVERS;

/** A production server on this bench's database and data directory, once it answers a prediction. */
async function startProduction(server: ProductionServer): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    NEXTAUTH_URL: url,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    VAJRA_INPROCESS_WORKER: "0",
  };
  const child = spawn(process.execPath, [...PRODUCTION_SERVERS[server], "--port", String(port), "--hostname", "127.0.0.1"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = performance.now() + 120_000;
  for (;;) {
    const answered = await fetch(`${url}${deployment.path}`, { method: "POST", headers, body: JSON.stringify({ instances: [row] }) }).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return { url, child };
    if (performance.now() > deadline) throw new Error(`${server} did not answer within 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
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

const predictBody = (batch: number) => JSON.stringify({ instances: Array.from({ length: batch }, () => row) });
/**
 * What each server is driven with. The unknown slug answers 404 from the endpoint cache (absent
 * endpoints are cached too) before any model work: what the server and framework cost alone.
 */
const cases = [
  { label: "batch 1", path: deployment.path, body: predictBody(1), status: "200", batch: 1 },
  { label: "404 unknown slug", path: "/api/v1/endpoints/no-such-endpoint/predict", body: predictBody(1), status: "404", batch: 0 },
  { label: "batch 100", path: deployment.path, body: predictBody(100), status: "200", batch: 100 },
];
type Measured = Awaited<ReturnType<typeof load>>;
const TARGET = { rps: 3000, p99: 10 };

const hasBuild = existsSync(".next/BUILD_ID");
console.log(`loopback HTTP, ${concurrency} in flight, ${seconds} s per row after ${WARMUP_SECONDS} s of warm-up; ${cpus().length} cores`);
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log("server | request | req/s | p50 ms | p99 ms | unexpected status | server CPU ms/req | client CPU ms/req | in-process p50 ms | in-process p99 ms");

async function report(server: string, { label, body, status, batch }: (typeof cases)[number], http: Measured) {
  const unexpected = http.requests - (http.statuses[status] ?? 0);
  const local = batch === 0 ? null : await inProcess(body);
  console.log(
    `${server} | ${label} | ${http.rps.toFixed(0)} | ${http.p50.toFixed(2)} | ${http.p99.toFixed(2)} | ${unexpected} | ${http.serverCpuMs.toFixed(3)} | ${http.clientCpuMs.toFixed(3)} | ${local?.p50.toFixed(3) ?? "-"} | ${local?.p99.toFixed(3) ?? "-"}`,
  );
}

const measured: Record<string, Measured[]> = {};
const bare = await serveHandler((req, url) => handlePredict(req, /\/endpoints\/([^/]+)\/predict$/.exec(url.pathname)![1]!, deps));
measured["node:http"] = [];
for (const c of cases) {
  const http = await load(`${bare.url}${c.path}`, c.body, selfCpuMs);
  measured["node:http"].push(http);
  await report("node:http", c, http);
}
await bare.close();

if (hasBuild) {
  for (const server of Object.keys(PRODUCTION_SERVERS) as ProductionServer[]) {
    await flushRequestLogs(db);
    const logsBefore = await db.requestLog.count({ where: { deploymentId: deployment.id } });
    const started = await startProduction(server);
    let answered = 1; // the start-up probe
    measured[server] = [];
    for (const c of cases) {
      const http = await load(`${started.url}${c.path}`, c.body, () => treeCpuMs(started.child.pid!));
      measured[server].push(http);
      if (c.batch > 0) answered += http.requests + http.warmupRequests;
    }
    // Stopped as soon as the load ends, while the last requests' logs are still buffered.
    const exited = once(started.child, "exit");
    started.child.kill("SIGTERM");
    await exited;
    for (const [i, c] of cases.entries()) await report(server, c, measured[server][i]!);
    const logged = (await db.requestLog.count({ where: { deploymentId: deployment.id } })) - logsBefore;
    console.log(`${server}, stopped with SIGTERM: ${logged} request logs written for ${answered} requests answered`);
  }
} else {
  console.log("next start and npm start: skipped, no production build (.next/BUILD_ID); run `npx next build` first");
}

const batchOne = cases.findIndex((c) => c.batch === 1);
for (const [server, results] of Object.entries(measured)) {
  const http = results[batchOne]!;
  console.log(
    `${server}, batch 1 against the target (≥ ${TARGET.rps} req/s, p99 ≤ ${TARGET.p99} ms): ${(http.rps / TARGET.rps).toFixed(2)}× the rate, p99 ${(http.p99 / TARGET.p99).toFixed(2)}× the bound`,
  );
}
for (const server of Object.keys(PRODUCTION_SERVERS).filter((name) => measured[name] !== undefined)) {
  const ratio = (i: number) => (measured[server]![i]!.serverCpuMs / measured["node:http"]![i]!.serverCpuMs).toFixed(1);
  console.log(`server CPU per request, ${server} / node:http: ${cases.map((c, i) => `${c.label} ${ratio(i)}×`).join(", ")}`);
}

for (const inFlight of [1, concurrency]) {
  const take = await limiterTakes(inFlight);
  console.log(`shared rate limiter take(), ${inFlight} in flight on one key: p50 ${take.p50.toFixed(3)} ms, p99 ${take.p99.toFixed(3)} ms`);
}
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
// The worker started pg-boss (its maintenance timer would keep this process alive).
await (await import("../server/queue/queueBoss")).stopQueueBoss();
// The endpoint cache's LISTEN connection stays open while it caches endpoints.
(await import("../server/deployments/endpointChanges")).endpointChangeListener().close();
