import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredGraph } from "@/contracts/storedGraph";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { IRIS_ROWS, irisGraph, trainGraph, withoutPetalWidth } = await import("../testing/runFixtures");
const { servePredict } = await import("../testing/servePredict");
const { testWorker } = await import("../testing/testWorker");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

const worker = await testWorker("canary-test");
const server = await servePredict();

let alice: Caller;
let bob: Caller;
let projectId: string;
let deployment: { id: string; path: string; key: string };
/** Registered versions of "iris": a logistic model, a gradient-boosting one, and one trained without petal_width_cm. */
const registered = { first: "", second: "", narrow: "" };
let irisModelId: string;
let firstArtifact: string;

async function trainedModel(graph: StoredGraph): Promise<string> {
  return (await trainGraph(alice, worker, projectId, graph)).artifactId;
}

/** Sends `count` requests, `concurrency` at a time, and returns the model version number each response names. */
async function servedVersions(count: number, concurrency = 50): Promise<number[]> {
  const versions: number[] = [];
  for (let sent = 0; sent < count; sent += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - sent) }, async () => {
      const response = await fetch(`${server.url}${deployment.path}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${deployment.key}` },
        body: JSON.stringify({ instances: IRIS_ROWS }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { model: { version: number } }).model.version;
    });
    versions.push(...(await Promise.all(batch)));
  }
  return versions;
}

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

const ref = () => ({ projectId, deploymentId: deployment.id });

beforeAll(async () => {
  alice = (await signedUpCaller("canary-owner@example.com")).caller;
  bob = (await signedUpCaller("canary-viewer@example.com")).caller;
  projectId = (await alice.project.create({ name: "Canary" })).id;
  const link = await alice.shareLink.create({ projectId, role: "viewer" });
  await bob.shareLink.accept({ token: link.token });
  const first = await trainedModel(irisGraph());
  firstArtifact = first;
  const second = await trainedModel(irisGraph({ model: { kind: "gradient-boosting", params: { target: "species", maxIterations: 5 } } }));
  const narrow = await trainedModel(withoutPetalWidth());
  for (const [name, artifactId] of Object.entries({ first, second, narrow }) as [keyof typeof registered, string][]) {
    const version = await alice.registry.register({ projectId, artifactId, modelName: "iris" });
    registered[name] = version.versionId;
    irisModelId = version.registeredModelId;
  }
  deployment = await alice.deployment.create({
    projectId,
    artifactId: first,
    name: "Iris canary",
    limits: { rateLimitPerSecond: 100_000, rateLimitBurst: 1_000_000 },
  });
});
afterAll(() => server.close());

describe("canary releases", () => {
  it("answers about 10% of 2,000 requests with the canary, and compares both versions side by side", async () => {
    const started = await alice.canary.start({ ...ref(), registeredVersionId: registered.second, percent: 10 });
    expect(started.percent).toBe(10);
    const versions = await servedVersions(2000);
    const canaryShare = versions.filter((v) => v === 2).length / versions.length;
    expect(new Set(versions)).toEqual(new Set([1, 2]));
    expect(canaryShare).toBeGreaterThanOrEqual(0.07);
    expect(canaryShare).toBeLessThanOrEqual(0.13);

    const comparison = await bob.canary.compare(ref());
    expect(comparison.canary).toMatchObject({ number: 2, percent: 10 });
    const [current, canary] = comparison.versions;
    expect([current!.role, current!.number, canary!.role, canary!.number]).toEqual(["current", 1, "canary", 2]);
    expect(current!.requests + canary!.requests).toBe(2000);
    expect(canary!.requests).toBe(versions.filter((v) => v === 2).length);
    expect([current!.errorRate, canary!.errorRate]).toEqual([0, 0]);
    expect(canary!.p99!).toBeGreaterThanOrEqual(canary!.p50!);
    // Three instances a request, each answered with a species: the distribution counts every one.
    expect(comparison.distribution).toMatchObject({ kind: "labels" });
    const labels = comparison.distribution.kind === "labels" ? comparison.distribution.labels : [];
    expect(labels.every((label) => /setosa|versicolor|virginica/.test(label))).toBe(true);
    expect(current!.predictionCounts.reduce((a, b) => a + b, 0)).toBe(current!.requests * 3);
    expect(canary!.predictionCounts.reduce((a, b) => a + b, 0)).toBe(canary!.requests * 3);
  });

  it("lets viewers compare but not start, stop or promote", async () => {
    expect((await bob.canary.compare(ref())).versions).toHaveLength(2);
    expect((await errorOf(bob.canary.start({ ...ref(), registeredVersionId: registered.second }))).code).toBe("FORBIDDEN");
    expect((await errorOf(bob.canary.stop(ref()))).code).toBe("FORBIDDEN");
    expect((await errorOf(bob.canary.promote(ref()))).code).toBe("FORBIDDEN");
  });

  it("refuses a second canary, and a contract change unless accepted", async () => {
    const other = await errorOf(alice.canary.start({ ...ref(), registeredVersionId: registered.narrow }));
    expect([other.code, other.message]).toEqual(["CONFLICT", expect.stringMatching(/Another canary \(v2\) is running/)]);
    await alice.canary.stop(ref());
    const changed = await errorOf(alice.canary.start({ ...ref(), registeredVersionId: registered.narrow }));
    expect([changed.code, changed.message]).toEqual(["CONFLICT", expect.stringMatching(/no longer takes feature "petal_width_cm"/)]);
    expect((await alice.canary.compare(ref())).canary).toBeNull();
    const candidates = await alice.canary.candidates(ref());
    expect(candidates.served.map((v) => v.number)).toEqual([2]);
    expect(candidates.registered.map((v) => v.registeredVersionId)).toEqual([registered.narrow]);
  });

  it("aborting sends every request back to the current version", async () => {
    const served = (await alice.canary.candidates(ref())).served[0]!;
    await alice.canary.start({ ...ref(), modelVersionId: served.modelVersionId, percent: 50 });
    expect(new Set(await servedVersions(100))).toEqual(new Set([1, 2]));
    await alice.canary.stop(ref());
    expect(new Set(await servedVersions(200))).toEqual(new Set([1]));
    const comparison = await alice.canary.compare(ref());
    expect([comparison.canary, comparison.versions.map((v) => v.role)]).toEqual([null, ["current"]]);
  });

  it("promoting makes the canary current, remembers the previous version and clears the canary", async () => {
    const served = (await alice.canary.candidates(ref())).served[0]!;
    await alice.canary.start({ ...ref(), modelVersionId: served.modelVersionId, percent: 20 });
    expect(await alice.canary.promote(ref())).toMatchObject({ number: 2, movedAlias: null });
    const after = await alice.deployment.get(ref());
    expect([after.current?.number, after.previous?.number]).toEqual([2, 1]);
    expect(new Set(await servedVersions(200))).toEqual(new Set([2]));
    expect((await alice.canary.compare(ref())).canary).toBeNull();
    expect((await errorOf(alice.canary.promote(ref()))).code).toBe("CONFLICT");
  });

  it("on an endpoint that follows an alias, promoting moves the alias; a canary from outside the model is refused", async () => {
    await db.deployment.update({ where: { id: deployment.id }, data: { registeredModelId: irisModelId, servedAlias: "production" } });
    await alice.registry.moveAlias({ projectId, registeredModelId: irisModelId, alias: "production", versionId: registered.second });
    // The same model registered under another name: promoting it here would leave the alias behind.
    const elsewhere = await alice.registry.register({ projectId, artifactId: firstArtifact, modelName: "iris-copy" });
    await alice.canary.start({ ...ref(), registeredVersionId: elsewhere.versionId, percent: 10 });
    expect((await alice.canary.compare(ref())).promotion.refused).toMatch(/follows alias "production"/);
    expect((await errorOf(alice.canary.promote(ref()))).code).toBe("CONFLICT");
    await alice.canary.stop(ref());

    const started = await alice.canary.start({ ...ref(), registeredVersionId: registered.first, percent: 10 });
    expect((await alice.canary.compare(ref())).promotion.movesAlias).toEqual({ alias: "production", modelName: "iris" });
    expect(await alice.canary.promote(ref())).toMatchObject({ currentVersionId: started.canaryVersionId, movedAlias: "production" });
    const alias = await db.modelAlias.findUniqueOrThrow({ where: { registeredModelId_name: { registeredModelId: irisModelId, name: "production" } } });
    expect(alias.versionId).toBe(registered.first);
    const row = await db.deployment.findUniqueOrThrow({ where: { id: deployment.id } });
    expect([row.currentVersionId, row.canaryVersionId, row.canaryPercent, row.servedAlias]).toEqual([started.canaryVersionId, null, 0, "production"]);

    // A canary that became current by another route (Versions, an alias move) is no longer compared with itself.
    await db.deployment.update({ where: { id: deployment.id }, data: { canaryVersionId: row.currentVersionId, canaryPercent: 10 } });
    const comparison = await alice.canary.compare(ref());
    expect([comparison.canary, comparison.versions.map((v) => v.role)]).toEqual([null, ["current"]]);
  });
});
