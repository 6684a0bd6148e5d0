import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUN_QUEUE } from "@/scripts/jobQueues.mjs";
import { S3RVER_CREDENTIALS, startS3Server } from "../testing/s3Server";
import { useFreshDatabase } from "../testing/testDatabase";

// Every process of this "deployment" (this one included) keeps its artifacts in one S3 bucket.
const s3 = await startS3Server();
process.env.S3_BUCKET = s3.bucket;
process.env.S3_ENDPOINT = s3.endpoint;
process.env.AWS_ACCESS_KEY_ID = S3RVER_CREDENTIALS.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY = S3RVER_CREDENTIALS.secretAccessKey;
await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { BrowserClient } = await import("../testing/httpApp");
const { irisGraph, saveGraph } = await import("../testing/runFixtures");

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// Short, so a killed worker's run moves on within seconds; not shorter, as on a busy 2-core machine a live
// worker's renewal can take a second, and a lapsed lease there would redeliver a run that is doing fine.
const LEASE_MS = 3000;
const PROJECT_CAP = 10;
const FINISHED = ["succeeded", "failed", "cancelled"];

/** The settings every process shares: the database, data directory and bucket come from process.env (set above). */
const sharedEnv = {
  ...process.env,
  VAJRA_INPROCESS_WORKER: "0",
  VAJRA_WORKER_LEASE_MS: String(LEASE_MS),
  VAJRA_WORKER_POLL_MS: "100",
  VAJRA_QUEUE_MAINTENANCE_SECONDS: "1",
  VAJRA_QUEUE_PROJECT_CAP: String(PROJECT_CAP),
  VAJRA_TF_BACKENDS: "wasm",
};

interface Child {
  name: string;
  process: ChildProcess;
  output: () => string;
}
const children = new Set<Child>();

/** A real child process; tsx runs as a loader in it (its CLI would fork a grandchild that SIGKILL does not reach). */
function spawnChild(name: string, script: string, env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], {
    cwd: ROOT,
    env: { ...sharedEnv, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const entry = { name, process: child, output: () => output };
  children.add(entry);
  child.on("exit", () => children.delete(entry));
  return entry;
}

function kill(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.process.once("exit", () => resolve()));
  process.kill(child.process.pid!, "SIGKILL");
  return exited;
}

const startWorker = (workerId: string) => spawnChild(workerId, "server/worker/main.ts", { VAJRA_WORKER_ID: workerId });
const workerStarted = (worker: Child) => waitFor(`${worker.name} to start`, () => Promise.resolve(worker.output().includes("] started:")), 60_000, worker);

/** The web process (no worker in it): resolves once it listens, to its URL and an API client signed in by token. */
async function startWeb(name: string) {
  const child = spawnChild(name, "server/testing/appServer.ts");
  const url = await waitFor(`${name} to listen`, () => Promise.resolve(/listening (http:\/\/\S+)/.exec(child.output())?.[1]), 60_000, child);
  return { child, url, api: new BrowserClient(url, { authorization: `Bearer ${token}` }) };
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, watched?: Child): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (watched && watched.process.exitCode !== null) throw new Error(`${watched.name} exited while waiting for ${what}:\n${watched.output()}`);
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const allFinished = (runIds: string[], timeoutMs?: number) =>
  waitFor(
    `${runIds.length} runs to finish`,
    async () => {
      const runs = await db.run.findMany({ where: { id: { in: runIds } } });
      return runs.length === runIds.length && runs.every((r) => FINISHED.includes(r.status)) && runs;
    },
    timeoutMs,
  );

async function epochsOf(runId: string): Promise<number> {
  const events = await db.runEvent.findMany({ where: { runId }, select: { payload: true } });
  return events.filter((e) => (JSON.parse(e.payload) as { type: string }).type === "epoch").length;
}

const firstEpochOf = (runId: string) => waitFor("the model's first epoch", async () => (await epochsOf(runId)) > 0);

/** Each run's pg-boss jobs (waiting, active or done, archived too) beside whether admission dispatched it, read in one snapshot. */
async function jobsPerRun(runIds: string[]) {
  const rows = await db.$queryRaw<{ id: string; dispatched: boolean; status: string; jobs: bigint }[]>`
    SELECT r."id", r."dispatchedAt" IS NOT NULL AS "dispatched", r."status",
      (SELECT count(*) FROM (
        SELECT "id" FROM pgboss.job WHERE "name" = ${RUN_QUEUE} AND "data"->>'runId' = r."id"
        UNION ALL SELECT "id" FROM pgboss.archive WHERE "name" = ${RUN_QUEUE} AND "data"->>'runId' = r."id"
      ) AS j) AS "jobs"
    FROM "Run" AS r WHERE r."id" = ANY(${runIds})`;
  return rows.map((r) => ({ ...r, jobs: Number(r.jobs) }));
}

let alice: Awaited<ReturnType<typeof signedUpCaller>>;
let token: string;
let projectId: string;
let quickPipeline: string;
let web: Awaited<ReturnType<typeof startWeb>>;
let workers: Child[];

const startRun = async (pipelineId = quickPipeline) => {
  const { status, body } = await web.api.trpc("run.start", "mutation", { projectId, pipelineId, target: "server" });
  // The web process's log says what went wrong on its side.
  expect(status, `${JSON.stringify(body)}\n${web.child.output().slice(-4000)}`).toBe(200);
  return (body.result!.data!.json as { runId: string }).runId;
};

/** An MLP on iris that trains for seconds: long enough to kill a process in the middle. Its own pipeline, so nothing is cached. */
async function slowPipeline(epochs: number) {
  const model = { kind: "mlp", params: { target: "species", epochs, batchSize: 16, hiddenUnits: 64, earlyStopping: false } };
  return (await saveGraph(alice.caller, projectId, irisGraph({ model }))).pipelineId;
}

interface WatchItem {
  type: "event" | "status";
  seq: number;
  event: { type: string } | null;
  status: string | null;
}

/** Follows run.watch as a browser's httpSubscriptionLink would (GET, text/event-stream) until the final status. */
async function watchOverSse(url: string, runId: string): Promise<WatchItem[]> {
  const input = encodeURIComponent(JSON.stringify({ json: { projectId, runId, afterSeq: -1 } }));
  const response = await fetch(`${url}/api/trpc/run.watch?input=${input}`, {
    headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
    signal: AbortSignal.timeout(60_000),
  });
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const items: WatchItem[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = response.body!.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    buffer += decoder.decode(chunk.value, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const message = buffer.slice(0, end).split("\n");
      buffer = buffer.slice(end + 2);
      // tRPC's own messages (connected, return, errors) are named; the procedure's items are not.
      const data = message.filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trim());
      if (message.some((line) => line.startsWith("event:")) || data.length === 0) continue;
      const item = (JSON.parse(data.join("\n")) as { json: WatchItem }).json;
      items.push(item);
      if (item.type === "status" && FINISHED.includes(item.status!)) {
        await reader.cancel();
        return items;
      }
    }
  }
  throw new Error(`run.watch ended before the run finished: ${JSON.stringify(items.at(-1))}`);
}

beforeAll(async () => {
  workers = [startWorker("w1"), startWorker("w2")];
  alice = await signedUpCaller("multi@example.com");
  token = alice.token;
  projectId = (await alice.caller.project.list())[0]!.id;
  quickPipeline = (await alice.caller.pipeline.list({ projectId }))[0]!.id;
  web = await startWeb("web1");
  // Both take work from the start, so that both can be seen to.
  await Promise.all(workers.map(workerStarted));
}, 90_000);

afterAll(async () => {
  await Promise.all([...children].map(kill));
  await s3.close();
});

describe("the queue across one web process and two worker processes", () => {
  it("runs 20 runs queued at once exactly once each, spread over both workers", async () => {
    const runIds = await Promise.all(Array.from({ length: 20 }, () => startRun()));
    expect(new Set(runIds).size).toBe(20);
    const runs = await allFinished(runIds);
    expect(runs.map((r) => [r.status, r.attempts, r.retryLog])).toEqual(runIds.map(() => ["succeeded", 1, "[]"]));
    expect(new Set(runs.map((r) => r.workerId))).toEqual(new Set(["w1", "w2"]));
    const steps = await db.stepRun.groupBy({ by: ["runId", "nodeId"], where: { runId: { in: runIds } }, _count: true });
    expect(steps.every((s) => s._count === 1)).toBe(true);
    const nodes = new Set(steps.map((s) => s.nodeId)).size;
    expect(steps).toHaveLength(20 * nodes);
    // One job per run, each completed once.
    expect((await jobsPerRun(runIds)).map((r) => r.jobs)).toEqual(runIds.map(() => 1));
  }, 90_000);

  it("finishes a run on the other worker when the one training it is killed (SIGKILL), without duplicate artifacts", async () => {
    const runId = await startRun(await slowPipeline(40));
    await firstEpochOf(runId);
    const { workerId: doomedId } = await db.run.findUniqueOrThrow({ where: { id: runId } });
    const doomed = workers.find((w) => w.name === doomedId)!;
    await kill(doomed);
    const killedAt = Date.now();
    workers = workers.filter((w) => w !== doomed);

    const [run] = await allFinished([runId]);
    console.log(`redelivered and finished ${Date.now() - killedAt} ms after the kill`);
    expect(run).toMatchObject({ status: "succeeded", attempts: 2, workerId: workers[0]!.name });
    expect(JSON.parse(run!.retryLog)).toEqual([
      expect.objectContaining({ attempt: 1, workerId: doomedId, reason: expect.stringContaining(`(${doomedId}) stopped responding`) }),
    ]);
    const steps = await db.stepRun.findMany({ where: { runId }, orderBy: { startedAt: "asc" } });
    expect(steps.map((s) => [s.nodeId, s.status])).toEqual([
      ["load", "succeeded"],
      ["split", "succeeded"],
      ["model", "succeeded"],
      ["evaluate", "succeeded"],
    ]);
    // One artifact per output of each step, whichever attempt computed it, each in the bucket; what only the
    // second attempt computed was stored once (the killed attempt left nothing half-written behind).
    const artifacts = await db.artifact.findMany({ where: { projectId, fingerprint: { in: steps.map((s) => s.fingerprint) } } });
    const outputs = artifacts.map((a) => `${a.nodeId}:${a.port}`);
    expect(outputs).toHaveLength(new Set(outputs).size);
    expect(new Set(artifacts.map((a) => a.nodeId))).toEqual(new Set(["load", "split", "model", "evaluate"]));
    console.log(artifacts.map((a) => `${a.nodeId}:${a.port} written ${s3.objectWrites(`artifacts/${a.storageKey}`)}×`).join(", "));
    const writes = (nodeIds: string[]) => artifacts.filter((a) => nodeIds.includes(a.nodeId)).map((a) => s3.objectWrites(`artifacts/${a.storageKey}`));
    expect(new Set(writes(["model", "evaluate"]))).toEqual(new Set([1]));
    expect(writes(["load", "split"]).every((count) => count > 0)).toBe(true);
    // A replacement for the later cases.
    workers.push(startWorker("w3"));
  }, 60_000);

  it("finishes a run while the web process is killed and restarted; a watcher on the new process sees it finish", async () => {
    const runId = await startRun(await slowPipeline(150));
    await firstEpochOf(runId);
    await kill(web.child);
    // With no web process at all, the worker trains on.
    const epochsAtKill = await epochsOf(runId);
    await waitFor("more epochs", async () => (await epochsOf(runId)) > epochsAtKill + 2);
    web = await startWeb("web2");
    const statusWhenWatched = (await db.run.findUniqueOrThrow({ where: { id: runId } })).status;
    const items = await watchOverSse(web.url, runId);
    console.log(`the run was ${statusWhenWatched} when the new web process began to watch it`);
    expect(items.at(-1)).toMatchObject({ type: "status", status: "succeeded" });
    // Every event once, in order, the last epochs among them.
    const events = items.filter((i) => i.type === "event");
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(events.filter((e) => e.event!.type === "epoch").length).toBeGreaterThan(1);
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "succeeded", attempts: 1, retryLog: "[]" });
  }, 90_000);

  it("takes 50 concurrent starts as 50 runs, each dispatched with exactly one job or waiting in its project", async () => {
    const runIds = await Promise.all(Array.from({ length: 50 }, () => startRun()));
    expect(new Set(runIds).size).toBe(50);
    expect(await db.run.count({ where: { id: { in: runIds } } })).toBe(50);
    // While workers take them: a dispatched run has one job, a waiting one none, and no more than the cap are out at once.
    const snapshot = await jobsPerRun(runIds);
    for (const run of snapshot) expect([run.id, run.jobs]).toEqual([run.id, run.dispatched ? 1 : 0]);
    expect(snapshot.filter((r) => !r.dispatched).every((r) => r.status === "queued")).toBe(true);
    expect(snapshot.filter((r) => r.dispatched && !FINISHED.includes(r.status)).length).toBeLessThanOrEqual(PROJECT_CAP);
    expect(snapshot.filter((r) => !r.dispatched).length).toBeGreaterThan(0);

    const runs = await allFinished(runIds);
    expect(runs.map((r) => r.status)).toEqual(runIds.map(() => "succeeded"));
    // No live worker lost its lease (a redelivery would say why here).
    expect(runs.filter((r) => r.attempts !== 1).map((r) => ({ workerId: r.workerId, retryLog: JSON.parse(r.retryLog) as unknown }))).toEqual([]);
    expect((await jobsPerRun(runIds)).map((r) => r.jobs)).toEqual(runIds.map(() => 1));
  }, 90_000);
});
