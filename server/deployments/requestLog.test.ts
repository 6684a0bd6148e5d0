import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

const { databaseUrl, dataDir } = await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { IRIS_ROWS, trainModel } = await import("../testing/runFixtures");
const { servePredict } = await import("../testing/servePredict");
const { startPredictWebProcess } = await import("../testing/predictWebProcess");
const { testWorker } = await import("../testing/testWorker");
const { flushRequestLogs, logRequest, MAX_BUFFERED_LOGS, OUTPUTS_PER_REQUEST } = await import("./requestLog");

const server = await servePredict();
let deployment: { id: string; path: string; key: string };

function predict(url: string, body: unknown, key = deployment.key) {
  return fetch(`${url}${deployment.path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
}

/** Sends `count` requests, `inFlight` at a time; the statuses answered, in order of sending. */
async function flood(url: string, count: number, inFlight: number, bodyOf: (i: number) => unknown, keyOf: (i: number) => string = () => deployment.key) {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        const i = next++;
        const response = await predict(url, bodyOf(i), keyOf(i));
        await response.arrayBuffer();
        statuses[i] = response.status;
      }
    }),
  );
  return statuses;
}

const countsByStatus = (statuses: number[]) => statuses.reduce<Record<number, number>>((counts, s) => ({ ...counts, [s]: (counts[s] ?? 0) + 1 }), {});

async function loggedByStatus(since: Date) {
  const groups = await db.requestLog.groupBy({ by: ["status"], where: { deploymentId: deployment.id, createdAt: { gte: since } }, _count: true });
  return Object.fromEntries(groups.map((g) => [g.status, g._count]));
}

beforeAll(async () => {
  const { caller } = await signedUpCaller("logs@example.com");
  const projectId = (await caller.project.list())[0]!.id;
  const pipelineId = (await caller.pipeline.list({ projectId }))[0]!.id;
  const { artifactId } = await trainModel(caller, await testWorker("request-log-test"), projectId, pipelineId);
  deployment = await caller.deployment.create({ projectId, artifactId, limits: { rateLimitPerSecond: 1e5, rateLimitBurst: 1e6 } });
});
afterAll(() => server.close());

describe("request logs written in batches", () => {
  it("holds every request served, with its status, outputs, time and input samples, after a flush", async () => {
    // Timestamps are stored to the millisecond; the window starts a millisecond early so truncation cannot drop the first.
    const since = new Date(Date.now() - 1);
    const batchOf = (i: number) => (i % 10 === 0 ? 25 : 1);
    // Every 11th with a wrong key (401 before its body is read), every 7th with a mistyped feature (422), the rest answered.
    const expected = (i: number) => (i % 11 === 5 ? 401 : i % 7 === 3 ? 422 : 200);
    const statuses = await flood(
      server.url,
      300,
      8,
      (i) =>
        i % 7 === 3 ? { instances: [{ ...IRIS_ROWS[0], petal_width_cm: "wide" }] } : { instances: Array.from({ length: batchOf(i) }, () => IRIS_ROWS[i % 3]) },
      (i) => (i % 11 === 5 ? "vjd_not-a-key" : deployment.key),
    );
    expect(statuses).toEqual(Array.from({ length: 300 }, (_, i) => expected(i)));
    await flushRequestLogs(db);
    const until = new Date();
    expect(await loggedByStatus(since)).toEqual(countsByStatus(statuses));

    const logs = await db.requestLog.findMany({ where: { deploymentId: deployment.id, createdAt: { gte: since } } });
    for (const log of logs) {
      expect(log.createdAt.getTime()).toBeGreaterThanOrEqual(since.getTime());
      expect(log.createdAt.getTime()).toBeLessThanOrEqual(until.getTime());
      expect(log.latencyMs).toBeGreaterThan(0);
      expect(log.id).not.toBe("");
    }
    const answered = logs.filter((l) => l.status === 200);
    // Every third instance of a batch of 25 is kept as a sample (9: at most ten, evenly spread); a single instance is kept.
    const expectedSamples = statuses.reduce((sum, s, i) => sum + (s === 200 ? (batchOf(i) === 25 ? 9 : 1) : 0), 0);
    expect(await db.inputSample.count({ where: { deploymentId: deployment.id } })).toBe(expectedSamples);
    expect(answered.map((l) => l.instances).sort((a, b) => a - b)).toEqual(statuses.flatMap((s, i) => (s === 200 ? [batchOf(i)] : [])).sort((a, b) => a - b));
    for (const log of answered) {
      const outputs = JSON.parse(log.outputs) as string[];
      expect(outputs).toHaveLength(Math.min(log.instances, OUTPUTS_PER_REQUEST));
      for (const label of outputs) expect(label).toMatch(/setosa|versicolor|virginica/);
    }
    for (const log of logs.filter((l) => l.status !== 200)) expect(log.outputs).toBe("[]");
  });

  it("writes on its own timer, without a flush", async () => {
    const since = new Date(Date.now() - 1);
    const statuses = await flood(server.url, 20, 4, () => ({ instances: [IRIS_ROWS[1]] }));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await loggedByStatus(since)).toEqual(countsByStatus(statuses));
  });

  it("past MAX_BUFFERED_LOGS waiting, tells callers to wait for the write, and loses none", async () => {
    const since = new Date(Date.now() - 1);
    const count = MAX_BUFFERED_LOGS + 1;
    const logged = Array.from({ length: count }, () =>
      logRequest(db, { deploymentId: deployment.id, versionId: null, latencyMs: 1, instances: 1, status: 299, predictions: [{ label: "x" }] }),
    );
    expect(logged.filter((l) => l.backlogged)).toHaveLength(1);
    expect(logged.at(-1)!.backlogged).toBe(true);
    await logged.at(-1)!.written;
    expect((await loggedByStatus(since))[299]).toBe(count);
  });

  it("are all written when a web process is stopped gracefully (SIGTERM) while requests are under way", async () => {
    const since = new Date(Date.now() - 1);
    const { url, child } = await startPredictWebProcess({ databaseUrl, dataDir });
    const exited = once(child, "exit");
    const statuses: number[] = [];
    let stopping = false;
    // Requests keep coming until the stop; the last ones are still being answered when it begins.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (!stopping) {
          const response = await predict(url, { instances: [IRIS_ROWS[2]] }).catch(() => null);
          if (response === null) return;
          await response.arrayBuffer();
          statuses.push(response.status);
          if (statuses.length === 200) {
            stopping = true;
            child.kill("SIGTERM");
          }
        }
      }),
    );
    const [code] = await exited;
    expect(code).toBe(0);
    expect(statuses.length).toBeGreaterThanOrEqual(200);
    expect(await loggedByStatus(since)).toEqual(countsByStatus(statuses));
  });
});
