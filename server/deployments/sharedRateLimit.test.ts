import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

const { databaseUrl, dataDir } = await useFreshDatabase();
const { signedUpCaller } = await import("../testing/callers");
const { testWorker, drainQueue } = await import("../testing/testWorker");
const { startPredictWebProcess } = await import("../testing/predictWebProcess");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

const children: ChildProcess[] = [];

async function startWebProcess(): Promise<string> {
  const { url, child } = await startPredictWebProcess({ databaseUrl, dataDir });
  children.push(child);
  return url;
}

const ROW = { sepal_length_cm: 5.1, sepal_width_cm: 3.5, petal_length_cm: 1.4, petal_width_cm: 0.2 };
const PER_SECOND = 5;
const BURST = 5;

let alice: Caller;
let projectId: string;
let deployment: { id: string; path: string; key: string };
let servers: string[];

const predict = (server: string) =>
  fetch(`${server}${deployment.path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${deployment.key}` },
    body: JSON.stringify({ instances: [ROW] }),
  });

beforeAll(async () => {
  const starting = Promise.all([startWebProcess(), startWebProcess()]);
  alice = (await signedUpCaller("limits@example.com")).caller;
  projectId = (await alice.project.list()).find((p) => p.name.startsWith("Demo"))!.id;
  const pipelineId = (await alice.pipeline.list({ projectId }))[0]!.id;
  const { runId } = await alice.run.start({ projectId, pipelineId, target: "server" });
  await drainQueue(await testWorker("rate-limit-test"));
  const run = await alice.run.get({ projectId, runId });
  const model = run.steps.find((s) => s.nodeId === "model")!.artifacts.find((a) => a.portType === "Model")!.id;
  deployment = await alice.deployment.create({ projectId, artifactId: model, name: "Iris" });
  servers = await starting;
  // Each process loads the model once, under the default (generous) limits.
  for (const server of servers) expect((await predict(server)).status).toBe(200);
});

afterAll(() => {
  for (const child of children) if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, "SIGKILL");
});

describe("deployment endpoints across two web processes", () => {
  it("hold in total: burst + rate × elapsed 200s across both processes, the rest 429 with Retry-After", async () => {
    // The bucket refills to the new burst (it was capped at the old, larger one).
    await alice.deployment.setLimits({ projectId, deploymentId: deployment.id, limits: { rateLimitPerSecond: PER_SECOND, rateLimitBurst: BURST } });
    const answers: { server: number; status: number; retryAfter: string | null }[] = [];
    const started = performance.now();
    let sent = 0;
    // Four requests in flight at a time, alternating between the two processes, for two seconds.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (performance.now() - started < 2000) {
          const server = sent++ % 2;
          const response = await predict(servers[server]!);
          await response.arrayBuffer();
          answers.push({ server, status: response.status, retryAfter: response.headers.get("retry-after") });
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const allowed = answers.filter((a) => a.status === 200);
    const expected = BURST + PER_SECOND * elapsed;
    // Per process, each would allow this much: twice the total.
    expect(allowed.length).toBeLessThanOrEqual(expected + 1);
    expect(allowed.length).toBeGreaterThanOrEqual(expected - 3);
    expect(new Set(allowed.map((a) => a.server))).toEqual(new Set([0, 1]));
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.status).toBe(429);
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    console.log(`${allowed.length} of ${answers.length} requests allowed in ${elapsed.toFixed(2)} s across two processes (expected ≈ ${expected.toFixed(1)})`);
  });

  it("a rotated key and a stopped endpoint stop working in every process at once, though each caches its endpoints", async () => {
    await alice.deployment.setLimits({ projectId, deploymentId: deployment.id, limits: { rateLimitPerSecond: 100_000, rateLimitBurst: 1_000_000 } });
    const oldKey = deployment.key;
    const { key } = await alice.deployment.rotateKey({ projectId, deploymentId: deployment.id });
    deployment = { ...deployment, key };
    // The processes hear of it over NOTIFY: milliseconds, well inside their cache's 5 s safety expiry.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const server of servers) {
      const stale = await fetch(`${server}${deployment.path}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${oldKey}` },
        body: JSON.stringify({ instances: [ROW] }),
      });
      expect(stale.status).toBe(401);
      expect((await predict(server)).status).toBe(200);
    }
    await alice.deployment.setStatus({ projectId, deploymentId: deployment.id, status: "stopped" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const server of servers) expect((await predict(server)).status).toBe(404);
  });
});
