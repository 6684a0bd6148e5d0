import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredGraph } from "@/contracts/storedGraph";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { IRIS_ROWS, irisGraph, saveGraph, trainGraph, withoutPetalWidth } = await import("../testing/runFixtures");
const { servePredict } = await import("../testing/servePredict");
const { defaultBlobStore } = await import("../artifacts/defaultStore");
const { testWorker } = await import("../testing/testWorker");
const { moveAlias } = await import("../registry/modelAliases");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

const worker = await testWorker("deploy-registry-test");
const server = await servePredict();

let alice: Caller;
let viewer: Caller;
let aliceId: string;
let projectId: string;
/** Iris models with the same four features, and one trained without petal width. */
let irisA: string;
let irisB: string;
let noPetalWidth: string;

async function trainedModel(graph: StoredGraph, pipelineId?: string): Promise<string> {
  return (await trainGraph(alice, worker, projectId, graph, pipelineId)).artifactId;
}

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

function predict(path: string, key: string, body: unknown = { instances: [IRIS_ROWS[0]] }) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  const signedUp = await signedUpCaller("registry-deployer@example.com");
  alice = signedUp.caller;
  aliceId = signedUp.user.id;
  viewer = (await signedUpCaller("registry-viewer@example.com")).caller;
  projectId = (await alice.project.create({ name: "Serving" })).id;
  const link = await alice.shareLink.create({ projectId, role: "viewer" });
  await viewer.shareLink.accept({ token: link.token });
  const { pipelineId } = await saveGraph(alice, projectId, irisGraph());
  irisA = await trainedModel(irisGraph(), pipelineId);
  const boosted = irisGraph({ model: { kind: "gradient-boosting", params: { target: "species", maxIterations: 5 } } });
  irisB = await trainedModel(boosted, pipelineId);
  noPetalWidth = await trainedModel(withoutPetalWidth(boosted));
});
afterAll(() => server.close());

describe("deployments serve registered models", () => {
  it("deploys an artifact by registering it first and pinning the endpoint to that version", async () => {
    const created = await alice.deployment.create({ projectId, artifactId: irisA, modelName: "iris" });
    const view = await alice.deployment.get({ projectId, deploymentId: created.id });
    expect(view).toMatchObject({ name: "iris", servedAlias: null, registeredModel: { name: "iris" } });
    expect(view.current?.registered).toMatchObject({ number: 1, modelName: "iris" });
    expect(view.current?.runId).toEqual(expect.any(String));
    expect((await predict(created.path, created.key)).status).toBe(200);

    // Deploying the same artifact again finds this endpoint first.
    const existing = await alice.deployment.existingFor({ projectId, artifactId: irisA });
    expect(existing.suggestedModelName).toBe("iris");
    expect(existing.endpoints.map((e) => [e.name, e.servesIt, e.served?.registeredNumber])).toEqual([["iris", true, 1]]);
    // A model retrained by the same pipeline node is the same model: its endpoint is offered too, and its name suggested.
    const retrained = await alice.deployment.existingFor({ projectId, artifactId: irisB });
    expect([retrained.suggestedModelName, retrained.endpoints.map((e) => [e.name, e.servesIt])]).toEqual(["iris", [["iris", false]]]);
    // An unregistered model is offered its pipeline's name.
    const pipelineName = (await alice.pipeline.list({ projectId })).map((p) => p.name);
    expect(pipelineName).toContain((await alice.deployment.existingFor({ projectId, artifactId: noPetalWidth })).suggestedModelName);
    const byModel = await alice.deployment.existingFor({ projectId, registeredModelId: view.registeredModel!.id });
    expect(byModel.endpoints.map((e) => e.id)).toEqual([created.id]);
  });

  it("deploys an alias, which the endpoint follows, and a pinned registered version", async () => {
    const models = await alice.deployment.models({ projectId });
    const iris = models.registered.find((m) => m.name === "iris")!;
    const v2 = (await db.registeredModelVersion.findFirst({ where: { registeredModelId: iris.id, artifactId: irisB } })) ?? null;
    expect(v2).toBeNull();
    const registeredB = await alice.deployment.create({ projectId, artifactId: irisB, modelName: "iris", name: "iris b" });
    const versionB = await db.registeredModelVersion.findFirstOrThrow({ where: { registeredModelId: iris.id, artifactId: irisB } });
    await moveAlias(db, defaultBlobStore(), {
      projectId,
      registeredModelId: iris.id,
      alias: "champion",
      versionId: versionB.id,
      actor: { userId: aliceId, label: "alice" },
    });

    const following = await alice.deployment.create({ projectId, registeredModelId: iris.id, alias: "champion" });
    const view = await alice.deployment.get({ projectId, deploymentId: following.id });
    expect(view).toMatchObject({ name: "iris champion", servedAlias: "champion", current: { registered: { number: 2 } } });

    const pinned = await alice.deployment.create({ projectId, registeredVersionId: versionB.id, name: "pinned b" });
    expect(await alice.deployment.get({ projectId, deploymentId: pinned.id })).toMatchObject({ servedAlias: null, current: { registered: { number: 2 } } });
    expect((await predict(pinned.path, pinned.key)).status).toBe(200);
    await alice.deployment.setStatus({ projectId, deploymentId: registeredB.id, status: "stopped" });

    const refreshed = (await alice.deployment.models({ projectId })).registered.find((m) => m.name === "iris")!;
    expect(refreshed.versions.map((v) => [v.number, v.aliases])).toEqual([
      [2, ["champion"]],
      [1, []],
    ]);
    expect((await alice.deployment.models({ projectId })).unregistered.map((m) => m.artifactId)).toEqual([noPetalWidth]);
    expect(await errorOf(alice.deployment.create({ projectId, registeredModelId: iris.id, alias: "nobody" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("promoting on an alias-following endpoint moves the alias, switching every endpoint that follows it", async () => {
    const iris = (await alice.deployment.models({ projectId })).registered.find((m) => m.name === "iris")!;
    const [first] = (await alice.deployment.existingFor({ projectId, registeredModelId: iris.id })).endpoints.filter((e) => e.servedAlias === "champion");
    const second = await alice.deployment.create({ projectId, registeredModelId: iris.id, alias: "champion", name: "iris champion 2" });
    const v1 = iris.versions.find((v) => v.number === 1)!;

    const preview = await alice.deployment.promotePreview({ projectId, deploymentId: first!.id, registeredVersionId: v1.id });
    expect(preview.alias).toEqual({ modelName: "iris", name: "champion" });
    expect(preview.endpoints.map((e) => e.name).sort()).toEqual(["iris champion", "iris champion 2"]);
    expect(preview.contractChanges).toEqual([]);

    const promoted = await alice.deployment.promote({ projectId, deploymentId: first!.id, registeredVersionId: v1.id });
    expect(promoted.current?.registered?.number).toBe(1);
    expect((await alice.deployment.get({ projectId, deploymentId: second.id })).current?.registered?.number).toBe(1);
    expect((await db.modelAlias.findFirstOrThrow({ where: { registeredModelId: iris.id, name: "champion" } })).versionId).toBe(v1.id);

    // Rolling one endpoint back pins it: the alias, and the other endpoint, stay where they are.
    const back = await alice.deployment.rollback({ projectId, deploymentId: second.id });
    expect(back).toMatchObject({ servedAlias: null, current: { registered: { number: 2 } } });
    expect((await alice.deployment.get({ projectId, deploymentId: first!.id })).current?.registered?.number).toBe(1);
  });

  it("refuses a model that expects other features, listing the differences, unless the change is confirmed", async () => {
    const pinned = (await alice.deployment.list({ projectId })).find((d) => d.name === "pinned b")!;
    const preview = await alice.deployment.promotePreview({ projectId, deploymentId: pinned.id, artifactId: noPetalWidth });
    expect(preview.contractChanges).toEqual([
      { deploymentId: pinned.id, deploymentName: "pinned b", differences: ['no longer takes feature "petal_width_cm" (number)'] },
    ]);

    const refused = await errorOf(alice.deployment.promote({ projectId, deploymentId: pinned.id, artifactId: noPetalWidth }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain('no longer takes feature "petal_width_cm" (number)');
    // Nothing changed: the endpoint serves what it did, and the refused model was not registered.
    expect((await alice.deployment.get({ projectId, deploymentId: pinned.id })).current?.registered?.number).toBe(2);
    expect(await db.registeredModelVersion.count({ where: { artifactId: noPetalWidth } })).toBe(0);

    const accepted = await alice.deployment.promote({ projectId, deploymentId: pinned.id, artifactId: noPetalWidth, acceptContractChange: true });
    expect(accepted.current?.registered).toMatchObject({ modelName: "iris", number: 3 });
    expect(accepted.current?.signature.features.map((f) => f.name)).not.toContain("petal_width_cm");
    expect(accepted.versions.find((v) => v.id === accepted.previous?.id)?.differencesFromCurrent).toEqual(['requires new feature "petal_width_cm" (number)']);

    // Going back is a contract change too.
    expect((await errorOf(alice.deployment.rollback({ projectId, deploymentId: pinned.id }))).code).toBe("CONFLICT");
    const back = await alice.deployment.rollback({ projectId, deploymentId: pinned.id, acceptContractChange: true });
    expect(back.current?.registered?.number).toBe(2);
    expect((await errorOf(alice.deployment.activate({ projectId, deploymentId: pinned.id, versionId: back.previous!.id }))).code).toBe("CONFLICT");
  });

  it("renames an endpoint without changing its URL", async () => {
    const [deployment] = await alice.deployment.list({ projectId });
    const renamed = await alice.deployment.rename({ projectId, deploymentId: deployment!.id, name: "  Churn scorer  " });
    expect([renamed.name, renamed.path]).toEqual(["Churn scorer", deployment!.path]);
    expect((await errorOf(alice.deployment.rename({ projectId, deploymentId: deployment!.id, name: " " }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(alice.deployment.rename({ projectId, deploymentId: deployment!.id, name: "x".repeat(81) }))).code).toBe("BAD_REQUEST");
  });

  it("summarises each deployment with what it serves and its requests and errors in the last hour", async () => {
    const created = await alice.deployment.create({ projectId, artifactId: irisA, name: "counted" });
    for (let i = 0; i < 3; i++) expect((await predict(created.path, created.key)).status).toBe(200);
    expect((await predict(created.path, created.key, { instances: [{ sepal_length_cm: 1 }] })).status).toBe(422);
    expect((await predict(created.path, "vjd_wrong")).status).toBe(401);
    // Older traffic is left out.
    await db.requestLog.create({
      data: { deploymentId: created.id, latencyMs: 1, instances: 1, status: 500, createdAt: new Date(Date.now() - 2 * 60 * 60_000) },
    });

    const summary = await viewer.deployment.summary({ projectId });
    const counted = summary.find((d) => d.id === created.id)!;
    expect(counted).toMatchObject({ status: "active", model: { name: "iris" }, servedAlias: null, served: { registeredNumber: 1 } });
    expect([counted.requestsLastHour, counted.errorsLastHour]).toEqual([5, 2]);
    expect(summary.find((d) => d.name === "iris champion")).toMatchObject({
      servedAlias: "champion",
      served: { registeredNumber: 1 },
      requestsLastHour: 0,
      errorsLastHour: 0,
    });
  });

  it("refuses a viewer every write, and lets them read", async () => {
    const [deployment] = await alice.deployment.list({ projectId });
    const ref = { projectId, deploymentId: deployment!.id };
    const writes: Promise<unknown>[] = [
      viewer.deployment.create({ projectId, artifactId: irisA }),
      viewer.deployment.rename({ ...ref, name: "mine" }),
      viewer.deployment.promote({ ...ref, artifactId: irisA }),
      viewer.deployment.promotePreview({ ...ref, artifactId: irisA }),
      viewer.deployment.rollback(ref),
      viewer.deployment.activate({ ...ref, versionId: deployment!.versions[0]!.id }),
      viewer.deployment.setStatus({ ...ref, status: "stopped" }),
      viewer.deployment.setPublic({ ...ref, public: true }),
      viewer.deployment.setLimits({ ...ref, limits: { maxInstances: 1 } }),
      viewer.deployment.rotateKey(ref),
    ];
    for (const write of writes) expect((await errorOf(write)).code).toBe("FORBIDDEN");
    expect((await viewer.deployment.existingFor({ projectId, artifactId: irisA })).endpoints.length).toBeGreaterThan(0);
    expect((await viewer.deployment.models({ projectId })).registered.length).toBe(1);
  });
});
