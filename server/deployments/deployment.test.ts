import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { IRIS_ROWS, irisGraph, trainGraph, trainModel } = await import("../testing/runFixtures");
const { servePredict } = await import("../testing/servePredict");
const { testWorker } = await import("../testing/testWorker");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

const worker = await testWorker("deploy-test");
const server = await servePredict();

const SPECIES = [/setosa/, /versicolor/, /virginica/];

let alice: Caller;
let projectId: string;
let firstModel: string;
let secondModel: string;
let deployment: { id: string; path: string; key: string };

function predict(body: unknown, key: string | null = deployment.key, path = deployment.path) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  alice = (await signedUpCaller("deployer@example.com")).caller;
  projectId = (await alice.project.list()).find((p) => p.name.startsWith("Demo"))!.id;
  const demoPipelineId = (await alice.pipeline.list({ projectId }))[0]!.id;
  firstModel = (await trainModel(alice, worker, projectId, demoPipelineId)).artifactId;
  const boosted = irisGraph({ model: { kind: "gradient-boosting", params: { target: "species", maxIterations: 5 } } });
  secondModel = (await trainGraph(alice, worker, projectId, boosted)).artifactId;
  deployment = await alice.deployment.create({ projectId, artifactId: firstModel, name: "Iris" });
});
afterAll(() => server.close());

describe("deployed iris endpoint", () => {
  it("predicts the right species from raw rows, with probabilities, and echoes keys", async () => {
    expect(deployment.key).toMatch(/^vjd_/);
    const response = await predict({ instances: [IRIS_ROWS[0], { key: "b", features: IRIS_ROWS[1] }, { key: 7, features: IRIS_ROWS[2] }] });
    expect(response.status).toBe(200);
    const { predictions } = (await response.json()) as { predictions: { key?: unknown; label: string; probabilities: Record<string, number> }[] };
    predictions.forEach((p, i) => expect(p.label).toMatch(SPECIES[i]!));
    expect(predictions.map((p) => p.key)).toEqual([undefined, "b", 7]);
    const total = Object.values(predictions[0]!.probabilities).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 4);
  });

  it("refuses with stable error codes: 401, 404, 413, 422, 400", async () => {
    expect((await predict({ instances: [IRIS_ROWS[0]] }, null)).status).toBe(401);
    expect((await predict({ instances: [IRIS_ROWS[0]] }, "vjd_wrong")).status).toBe(401);
    const unknown = await predict({ instances: [IRIS_ROWS[0]] }, deployment.key, "/api/v1/endpoints/nope/predict");
    expect([unknown.status, ((await unknown.json()) as { error: { code: string } }).error.code]).toEqual([404, "NOT_FOUND"]);

    await alice.deployment.setLimits({ projectId, deploymentId: deployment.id, limits: { maxInstances: 2, maxBodyBytes: 2048 } });
    const many = await predict({ instances: [IRIS_ROWS[0], IRIS_ROWS[1], IRIS_ROWS[2]] });
    expect([many.status, ((await many.json()) as { error: { code: string } }).error.code]).toEqual([413, "TOO_MANY_INSTANCES"]);
    expect((await predict(JSON.stringify({ instances: [{ ...IRIS_ROWS[0], padding: "x".repeat(4000) }] }))).status).toBe(413);
    await alice.deployment.setLimits({ projectId, deploymentId: deployment.id, limits: { maxInstances: 1000, maxBodyBytes: 1 << 20 } });

    const wrongType = await predict({ instances: [IRIS_ROWS[0], { ...IRIS_ROWS[1], petal_width_cm: "wide" }] });
    expect(wrongType.status).toBe(422);
    expect(await wrongType.json()).toEqual({ error: { code: "INVALID_FEATURE", message: expect.any(String), index: 1, field: "petal_width_cm" } });
    const missing = await predict({ instances: [{ sepal_length_cm: 5 }] });
    expect(((await missing.json()) as { error: object }).error).toMatchObject({ code: "MISSING_FEATURE", index: 0, field: "sepal_width_cm" });
    expect((await predict("{not json")).status).toBe(400);
  });

  it("answers 404 while stopped, and without a key once public", async () => {
    await alice.deployment.setStatus({ projectId, deploymentId: deployment.id, status: "stopped" });
    expect((await predict({ instances: [IRIS_ROWS[0]] })).status).toBe(404);
    await alice.deployment.setStatus({ projectId, deploymentId: deployment.id, status: "active" });
    await alice.deployment.setPublic({ projectId, deploymentId: deployment.id, public: true });
    expect((await predict({ instances: [IRIS_ROWS[0]] }, null)).status).toBe(200);
    await alice.deployment.setPublic({ projectId, deploymentId: deployment.id, public: false });
  });

  it("rotating the key retires the old one", async () => {
    const { key } = await alice.deployment.rotateKey({ projectId, deploymentId: deployment.id });
    expect((await predict({ instances: [IRIS_ROWS[0]] })).status).toBe(401);
    deployment = { ...deployment, key };
    expect((await predict({ instances: [IRIS_ROWS[0]] })).status).toBe(200);
  });

  it("rate limits per key with 429 and Retry-After", async () => {
    await alice.deployment.setLimits({ projectId, deploymentId: deployment.id, limits: { rateLimitPerSecond: 1, rateLimitBurst: 3 } });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const response = await predict({ instances: [IRIS_ROWS[0]] });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get("retry-after");
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    await alice.deployment.setLimits({ projectId, deploymentId: deployment.id, limits: { rateLimitPerSecond: 100_000, rateLimitBurst: 1_000_000 } });
  });

  it("serves 200 concurrent requests through a promotion with zero non-2xx, then rolls back and forward", async () => {
    const requests = Array.from({ length: 200 }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, i))
        .then(() => predict({ instances: IRIS_ROWS }))
        .then(async (r) => ({ status: r.status, version: ((await r.json()) as { model?: { version: number } }).model?.version })),
    );
    const promoted = alice.deployment.promote({ projectId, deploymentId: deployment.id, artifactId: secondModel });
    const results = await Promise.all(requests);
    expect((await promoted).current?.number).toBe(2);
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    expect(new Set(results.map((r) => r.version))).toEqual(new Set([1, 2]));

    const back = await alice.deployment.rollback({ projectId, deploymentId: deployment.id });
    expect([back.current?.number, back.previous?.number]).toEqual([1, 2]);
    expect(((await (await predict({ instances: [IRIS_ROWS[0]] })).json()) as { model: { version: number } }).model.version).toBe(1);
    const forward = await alice.deployment.activate({ projectId, deploymentId: deployment.id, versionId: back.previous!.id });
    expect(forward.current?.number).toBe(2);
    expect(((await (await predict({ instances: [IRIS_ROWS[0]] })).json()) as { model: { version: number } }).model.version).toBe(2);
  });

  it("reports request stats and flags drift only for shifted inputs", async () => {
    const stats = await alice.deployment.stats({ projectId, deploymentId: deployment.id });
    expect(stats.requests).toBeGreaterThan(200);
    expect(stats.errors).toBeGreaterThan(5);
    expect(stats.p50).toBeGreaterThan(0);
    expect(stats.p99!).toBeGreaterThanOrEqual(stats.p95!);
    expect(stats.buckets.reduce((sum, b) => sum + b.requests, 0)).toBe(stats.requests);

    const before = await alice.deployment.drift({ projectId, deploymentId: deployment.id });
    // Served traffic so far repeats three training-like rows: petal length spans the training range, so no alarm is wrong here; a shift of +5 cm must alarm.
    await db.inputSample.deleteMany({ where: { deploymentId: deployment.id } });
    const shifted = Array.from({ length: 40 }, (_, i) => ({ ...IRIS_ROWS[i % 3]!, petal_length_cm: 10 + (i % 7) }));
    for (let i = 0; i < 4; i++) expect((await predict({ instances: shifted.slice(i * 10, i * 10 + 10) })).status).toBe(200);
    const after = await alice.deployment.drift({ projectId, deploymentId: deployment.id });
    expect(before.features.map((f) => f.feature).sort()).toEqual(Object.keys(IRIS_ROWS[0]!).sort());
    const petal = after.features.find((f) => f.feature === "petal_length_cm")!;
    expect(petal).toMatchObject({ test: "ks", drifted: true });
    expect(petal.statistic).toBeGreaterThan(0.9);
  });
});
