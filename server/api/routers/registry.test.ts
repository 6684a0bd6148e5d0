import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../../db");
const { signedUpCaller } = await import("../../testing/callers");
const { irisGraph, trainGraph, withoutPetalWidth } = await import("../../testing/runFixtures");
const { testWorker } = await import("../../testing/testWorker");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

const worker = await testWorker("registry-test");

let alice: Caller;
let bob: Caller;
let carol: Caller;
let projectId: string;
let carolProjectId: string;
/** Two iris models with the same inputs, from two pipelines, and one trained without petal_width_cm. */
const models = { first: { pipelineId: "", artifactId: "" }, second: { pipelineId: "", artifactId: "" }, narrow: { pipelineId: "", artifactId: "" } };

async function irisModel() {
  const [model] = (await alice.registry.list({ projectId })).filter((m) => m.name === "iris");
  return alice.registry.get({ projectId, registeredModelId: model!.id });
}

beforeAll(async () => {
  alice = (await signedUpCaller("alice@example.com")).caller;
  bob = (await signedUpCaller("bob@example.com")).caller;
  carol = (await signedUpCaller("carol@example.com")).caller;
  projectId = (await alice.project.create({ name: "Registry" })).id;
  carolProjectId = (await carol.project.create({ name: "Elsewhere" })).id;
  const link = await alice.shareLink.create({ projectId, role: "viewer" });
  await bob.shareLink.accept({ token: link.token });
  models.first = await trainGraph(alice, worker, projectId, irisGraph());
  models.second = await trainGraph(
    alice,
    worker,
    projectId,
    irisGraph({ model: { kind: "gradient-boosting", params: { target: "species", maxIterations: 5 } } }),
  );
  models.narrow = await trainGraph(alice, worker, projectId, withoutPetalWidth());
});

describe("registry router", () => {
  it("numbers versions of a name in order, and registering the same artifact again returns its version", async () => {
    const v1 = await alice.registry.register({ projectId, artifactId: models.first.artifactId, modelName: "iris", description: "baseline" });
    const v2 = await alice.registry.register({ projectId, artifactId: models.second.artifactId, modelName: "iris" });
    const again = await alice.registry.register({ projectId, artifactId: models.first.artifactId, modelName: " iris " });
    expect([v1.number, v1.created, v2.number, v2.created]).toEqual([1, true, 2, true]);
    expect(again).toMatchObject({ versionId: v1.versionId, number: 1, created: false, registeredModelId: v1.registeredModelId });

    const [listed] = await bob.registry.list({ projectId });
    expect(listed).toMatchObject({ name: "iris", versionCount: 2, latest: { number: 2 }, aliases: [] });
    expect(Object.keys(listed!.latest!.metrics)).toContain("accuracy");

    const model = await irisModel();
    expect(model.versions.map((v) => v.number)).toEqual([2, 1]);
    const first = model.versions[1]!;
    expect(first).toMatchObject({ description: "baseline", createdBy: "alice@example.com", artifactId: models.first.artifactId });
    expect(first.lineage).toMatchObject({ pipelineId: models.first.pipelineId, nodeId: "model", runId: expect.any(String) });
    expect([first.runExists, first.pipelineExists]).toEqual([true, true]);
    expect(first.signature.features.map((f) => f.name)).toContain("petal_width_cm");
  });

  it("tells which registered versions hold an artifact, only within the project", async () => {
    await alice.registry.register({ projectId, artifactId: models.first.artifactId, modelName: "flowers" });
    const held = await bob.registry.versionsForArtifact({ projectId, artifactId: models.first.artifactId });
    expect(held.map((v) => `${v.modelName} v${v.number}`)).toEqual(["flowers v1", "iris v1"]);
    expect(await carol.registry.versionsForArtifact({ projectId: carolProjectId, artifactId: models.first.artifactId })).toEqual([]);
  });

  it("records each alias move with from, to, who and why", async () => {
    const model = await irisModel();
    const [v2, v1] = model.versions;
    await alice.registry.moveAlias({ projectId, registeredModelId: model.id, alias: "champion", versionId: v1!.id });
    const preview = await alice.registry.previewAliasMove({ projectId, registeredModelId: model.id, alias: "champion", versionId: v2!.id });
    expect(preview).toMatchObject({ fromVersionNumber: 1, toVersionNumber: 2, deployments: [], contractChanges: [] });
    await alice.registry.moveAlias({ projectId, registeredModelId: model.id, alias: "champion", versionId: v2!.id, reason: "fewer trees, same accuracy" });

    const after = await bob.registry.get({ projectId, registeredModelId: model.id });
    expect(after.aliases).toMatchObject([{ name: "champion", versionNumber: 2 }]);
    expect(after.versions[0]!.aliases).toEqual(["champion"]);
    expect(after.history.map((h) => [h.alias, h.fromVersionNumber, h.toVersionNumber, h.actor, h.reason])).toEqual([
      ["champion", 1, 2, "alice@example.com", "fewer trees, same accuracy"],
      ["champion", null, 1, "alice@example.com", ""],
    ]);
    await expect(alice.registry.moveAlias({ projectId, registeredModelId: model.id, alias: "Champion!", versionId: v1!.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("lets editors describe models and versions", async () => {
    const model = await irisModel();
    await alice.registry.setDescription({ projectId, registeredModelId: model.id, description: "Species from petal and sepal sizes" });
    await alice.registry.setDescription({ projectId, registeredModelId: model.id, versionId: model.versions[0]!.id, description: "5 boosting rounds" });
    const after = await bob.registry.get({ projectId, registeredModelId: model.id });
    expect([after.description, after.versions[0]!.description]).toEqual(["Species from petal and sepal sizes", "5 boosting rounds"]);
  });

  it("lets a viewer read but never write", async () => {
    const model = await irisModel();
    const forbidden = { code: "FORBIDDEN" };
    await expect(bob.registry.register({ projectId, artifactId: models.second.artifactId, modelName: "mine" })).rejects.toMatchObject(forbidden);
    await expect(bob.registry.moveAlias({ projectId, registeredModelId: model.id, alias: "champion", versionId: null })).rejects.toMatchObject(forbidden);
    await expect(bob.registry.setDescription({ projectId, registeredModelId: model.id, description: "x" })).rejects.toMatchObject(forbidden);
    await expect(
      bob.registry.previewAliasMove({ projectId, registeredModelId: model.id, alias: "champion", versionId: model.versions[1]!.id }),
    ).rejects.toMatchObject(forbidden);
    expect((await bob.registry.get({ projectId, registeredModelId: model.id })).aliases).toHaveLength(1);
  });

  it("does not find another project's model or register another project's artifact", async () => {
    const model = await irisModel();
    const notFound = { code: "NOT_FOUND" };
    await expect(carol.registry.get({ projectId: carolProjectId, registeredModelId: model.id })).rejects.toMatchObject(notFound);
    await expect(
      carol.registry.moveAlias({ projectId: carolProjectId, registeredModelId: model.id, alias: "champion", versionId: model.versions[1]!.id }),
    ).rejects.toMatchObject(notFound);
    await expect(carol.registry.setDescription({ projectId: carolProjectId, registeredModelId: model.id, description: "mine" })).rejects.toMatchObject(
      notFound,
    );
    await expect(carol.registry.register({ projectId: carolProjectId, artifactId: models.first.artifactId, modelName: "stolen" })).rejects.toMatchObject(
      notFound,
    );
    await expect(carol.registry.get({ projectId, registeredModelId: model.id })).rejects.toMatchObject(notFound);
  });

  it("refuses to move an alias an endpoint follows onto a model with other inputs, listing the differences, unless accepted", async () => {
    let model = await irisModel();
    const v1 = model.versions.find((v) => v.number === 1)!;
    const deployment = await alice.deployment.create({ projectId, artifactId: models.first.artifactId, name: "Iris endpoint" });
    await db.deployment.update({ where: { id: deployment.id }, data: { registeredModelId: model.id, servedAlias: "champion" } });

    // Same inputs: the endpoint follows the alias back to v1 without asking.
    await alice.registry.moveAlias({ projectId, registeredModelId: model.id, alias: "champion", versionId: v1.id });
    model = await irisModel();
    expect(model.versions.find((v) => v.number === 1)!.deployments).toMatchObject([{ id: deployment.id, name: "Iris endpoint", role: "current" }]);
    expect(model.aliases[0]!.following).toEqual([{ id: deployment.id, name: "Iris endpoint" }]);

    const v3 = await alice.registry.register({ projectId, artifactId: models.narrow.artifactId, modelName: "iris" });
    const move = { projectId, registeredModelId: model.id, alias: "champion", versionId: v3.versionId };
    const preview = await alice.registry.previewAliasMove(move);
    expect(preview).toMatchObject({ fromVersionNumber: 1, toVersionNumber: 3, deployments: [{ id: deployment.id }] });
    expect(preview.contractChanges).toEqual([
      { deploymentId: deployment.id, deploymentName: "Iris endpoint", differences: ['no longer takes feature "petal_width_cm" (number)'] },
    ]);

    const refused = alice.registry.moveAlias(move);
    await expect(refused).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(refused).rejects.toThrow(/petal_width_cm/);
    model = await irisModel();
    expect(model.aliases[0]!.versionNumber).toBe(1);
    expect(model.history).toHaveLength(3);

    await alice.registry.moveAlias({ ...move, acceptContractChange: true, reason: "petal width is no longer measured" });
    model = await irisModel();
    expect(model.aliases[0]!.versionNumber).toBe(3);
    expect(model.versions.find((v) => v.number === 3)!.deployments).toMatchObject([{ id: deployment.id }]);
    expect(model.versions.find((v) => v.number === 1)!.deployments).toEqual([]);
    const served = await db.deployment.findUniqueOrThrow({ where: { id: deployment.id } });
    const copy = await db.modelVersion.findUniqueOrThrow({ where: { id: served.currentVersionId! } });
    expect(copy.registeredVersionId).toBe(v3.versionId);
  });

  it("keeps a registered version, and its model, when the pipeline that trained it is deleted", async () => {
    await alice.pipeline.delete({ projectId, pipelineId: models.first.pipelineId });
    let model = await irisModel();
    const v1 = model.versions.find((v) => v.number === 1)!;
    expect(v1.lineage).toMatchObject({ pipelineId: models.first.pipelineId, runId: expect.any(String) });
    expect([v1.runExists, v1.pipelineExists]).toEqual([false, false]);
    expect(await db.artifact.findUnique({ where: { id: models.first.artifactId } })).not.toBeNull();

    // The endpoint following champion can still be switched to it: the model itself is still readable.
    await alice.registry.moveAlias({ projectId, registeredModelId: model.id, alias: "champion", versionId: v1.id, acceptContractChange: true });
    model = await irisModel();
    expect(model.versions.find((v) => v.number === 1)!.deployments).toHaveLength(1);
  });

  it("numbers concurrent registrations of one new name without gaps, and registers one artifact once however many ask at once", async () => {
    const [a, b] = await Promise.all([
      alice.registry.register({ projectId, artifactId: models.first.artifactId, modelName: "race" }),
      alice.registry.register({ projectId, artifactId: models.second.artifactId, modelName: "race" }),
    ]);
    expect([a.number, b.number].sort()).toEqual([1, 2]);
    const same = await Promise.all([1, 2, 3].map(() => alice.registry.register({ projectId, artifactId: models.narrow.artifactId, modelName: "race" })));
    expect(new Set(same.map((v) => v.versionId)).size).toBe(1);
    expect(same.filter((v) => v.created)).toHaveLength(1);
    expect((await alice.registry.list({ projectId })).find((m) => m.name === "race")!.versionCount).toBe(3);
  });
});
