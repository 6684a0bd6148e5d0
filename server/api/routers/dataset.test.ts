import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../../db");
const { signedUpCaller } = await import("../../testing/callers");
const { irisGraph, saveGraph } = await import("../../testing/runFixtures");
const { testWorker, drainQueue } = await import("../../testing/testWorker");
const { defaultBlobStore } = await import("../../artifacts/defaultStore");
const { projectDatasets } = await import("../../datasets/projectDatasets");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

let owner: Caller;
let viewer: Caller;
let projectId: string;
const worker = await testWorker("dataset-test-worker");

const csv = (rows: number) =>
  [
    "sepal_length_cm,sepal_width_cm,species",
    ...Array.from({ length: rows }, (_, i) => `${(i % 7) + 4},${i % 3 ? "" : (i % 5) + 2},${i % 3 ? "setosa" : "virginica"}`),
  ].join("\n");

beforeAll(async () => {
  owner = (await signedUpCaller("owner@example.com")).caller;
  viewer = (await signedUpCaller("viewer@example.com")).caller;
  projectId = (await owner.project.create({ name: "Datasets" })).id;
  const link = await owner.shareLink.create({ projectId, role: "viewer" });
  await viewer.shareLink.accept({ token: link.token });
});

describe("datasets by name", () => {
  let v1: Awaited<ReturnType<Caller["dataset"]["upload"]>>;
  let v2: Awaited<ReturnType<Caller["dataset"]["upload"]>>;

  beforeAll(async () => {
    v1 = await owner.dataset.upload({ projectId, name: "churn", fileName: "churn.csv", content: csv(30) });
    v2 = await owner.dataset.upload({ projectId, name: "churn", fileName: "churn-2.csv", content: csv(45) });
  });

  it("lists a name reference for the picker, and a viewer may read the versions but not upload", async () => {
    const listed = (await viewer.dataset.list({ projectId })).find((d) => d.name === "churn")!;
    expect(listed).toMatchObject({ nameReference: "dataset:churn", reference: v1.reference, rowCount: 45, latestVersion: { number: 2 } });
    const versions = await viewer.dataset.versions({ projectId, datasetId: v1.datasetId });
    expect(versions.versions.map((v) => [v.number, v.rowCount, v.fileName, v.createdBy.email])).toEqual([
      [2, 45, "churn-2.csv", "owner@example.com"],
      [1, 30, "churn.csv", "owner@example.com"],
    ]);
    await expect(viewer.dataset.upload({ projectId, name: "churn", fileName: "c.csv", content: csv(3) })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("resolves dataset:<name>, a bare name and the old dataset:<id> to the newest version, and name@n to version n", async () => {
    const resolver = projectDatasets({ db, blobs: defaultBlobStore(), projectId });
    for (const reference of ["dataset:churn", "churn", v1.reference]) {
      expect((await resolver.resolve(reference)).contentHash, reference).toBe(v2.version.contentHash);
    }
    expect((await resolver.resolve("dataset:churn@1")).contentHash).toBe(v1.version.contentHash);
    expect(new TextDecoder().decode((await resolver.resolve("dataset:churn@1")).bytes)).toBe(csv(30));
    await expect(resolver.resolve("dataset:churn@7")).rejects.toThrow('Dataset "churn" has no version 7 in this project.');
    await expect(resolver.resolve("dataset:nothing")).rejects.toThrow(/Dataset "nothing" is not in this project/);
    // A bare name that is no project dataset may be a sample's.
    expect((await resolver.resolve("iris")).name).toBe("iris.csv");
    await expect(resolver.resolve("nothing")).rejects.toThrow(/Unknown dataset "nothing"/);

    const schemas = await viewer.dataset.schemas({
      projectId,
      nodes: [
        { id: "a", kind: "load", params: { dataset: "churn" } },
        { id: "b", kind: "load", params: { dataset: "dataset:churn@1" } },
      ],
    });
    expect(schemas.failures).toEqual([]);
    expect(schemas.schemas["churn"]!.columns.map((c) => c.name)).toEqual(["sepal_length_cm", "sepal_width_cm", "species"]);
  });

  it("pins a run to the named version: the newest for a name, version n for name@n; a new upload changes the cache fingerprint", async () => {
    const byName = await saveGraph(owner, projectId, irisGraph({ dataset: "dataset:churn" }));
    const started = await owner.run.start({ projectId, pipelineId: byName.pipelineId, target: "server" });
    expect(started.datasetVersions["dataset:churn"]).toEqual({ versionId: v2.version.id, contentHash: v2.version.contentHash });
    const pinned = await saveGraph(owner, projectId, irisGraph({ dataset: "dataset:churn@1" }));
    const old = await owner.run.start({ projectId, pipelineId: pinned.pipelineId, target: "server" });
    expect(old.datasetVersions["dataset:churn@1"]).toEqual({ versionId: v1.version.id, contentHash: v1.version.contentHash });
    await drainQueue(worker);
    const first = await owner.run.get({ projectId, runId: started.runId });
    expect(first.status).toBe("succeeded");
    const loadFingerprint = (run: typeof first) => run.steps.find((s) => s.nodeId === "load")!.fingerprint;

    const v3 = await owner.dataset.upload({ projectId, name: "churn", fileName: "churn-3.csv", content: csv(60) });
    const again = await owner.run.start({ projectId, pipelineId: byName.pipelineId, target: "server" });
    expect(again.datasetVersions["dataset:churn"]!.versionId).toBe(v3.version.id);
    await drainQueue(worker);
    const second = await owner.run.get({ projectId, runId: again.runId });
    expect(second.status).toBe("succeeded");
    expect(loadFingerprint(second)).not.toBe(loadFingerprint(first));
    await expect(
      owner.run.start({ projectId, pipelineId: (await saveGraph(owner, projectId, irisGraph({ dataset: "dataset:churn@9" }))).pipelineId, target: "server" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: 'Dataset "churn" has no version 9 in this project.' });
  });

  it("names the dataset in the breadcrumb trail, only in its own project", async () => {
    expect((await viewer.navigation.trail({ projectId, datasetId: v1.datasetId })).dataset).toEqual({ id: v1.datasetId, name: "churn" });
    const elsewhere = (await owner.project.create({ name: "Elsewhere" })).id;
    expect((await owner.navigation.trail({ projectId: elsewhere, datasetId: v1.datasetId })).dataset).toBeNull();
  });

  it("previews a version: first rows and column stats", async () => {
    const preview = await viewer.dataset.preview({ projectId, versionId: v1.version.id });
    expect(preview.rowCount).toBe(30);
    expect(preview.rows).toHaveLength(20);
    const [length, width, species] = preview.stats.columns;
    expect(length).toMatchObject({ name: "sepal_length_cm", type: "integer", min: 4, max: 10, missing: 0 });
    expect(width!.missing).toBe(20);
    expect(species!.top).toEqual([
      { value: "setosa", count: 20 },
      { value: "virginica", count: 10 },
    ]);
    const stranger = (await signedUpCaller("stranger@example.com")).caller;
    await expect(stranger.dataset.preview({ projectId, versionId: v1.version.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("deleting a dataset", () => {
  it("lists the pipelines that read it (saved versions by name or id, drafts), refuses a viewer, and refuses while a run reads it", async () => {
    const up = await owner.dataset.upload({ projectId, name: "sales", fileName: "sales.csv", content: csv(40) });
    const other = await owner.dataset.upload({ projectId, name: "sales 2024", fileName: "s.csv", content: csv(20) });
    const byName = await owner.pipeline.create({ projectId, name: "Reads by name" });
    await saveGraph(owner, projectId, irisGraph({ dataset: "dataset:sales" }), byName.id);
    const byId = await saveGraph(owner, projectId, irisGraph({ dataset: up.reference }));
    await db.pipeline.update({ where: { id: byId.pipelineId }, data: { name: "Reads by id" } });
    const drafted = await owner.pipeline.create({ projectId, name: "Draft only" });
    await owner.pipeline.saveDraft({ projectId, pipelineId: drafted.id, graph: irisGraph({ dataset: "sales" }), baseVersionId: null, expectedUpdatedAt: null });
    await saveGraph(owner, projectId, irisGraph({ dataset: "dataset:sales 2024" }));

    const usage = await viewer.dataset.usage({ projectId, datasetId: up.datasetId });
    expect(usage.pipelines).toEqual([
      { id: drafted.id, name: "Draft only", versions: [], inDraft: true },
      { id: byId.pipelineId, name: "Reads by id", versions: [1], inDraft: false },
      { id: byName.id, name: "Reads by name", versions: [1], inDraft: false },
    ]);
    expect(usage).toMatchObject({ activeRuns: 0, activeBatchPredictions: 0 });
    expect((await owner.dataset.usage({ projectId, datasetId: other.datasetId })).pipelines.map((p) => p.versions)).toEqual([[1]]);

    await expect(viewer.dataset.delete({ projectId, datasetId: up.datasetId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const queued = await owner.run.start({ projectId, pipelineId: byName.id, target: "server" });
    expect((await owner.dataset.usage({ projectId, datasetId: up.datasetId })).activeRuns).toBe(1);
    await expect(owner.dataset.delete({ projectId, datasetId: up.datasetId })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "1 run still reading this dataset: wait for them to finish or cancel them, then delete it.",
    });

    await drainQueue(worker);
    const run = await owner.run.get({ projectId, runId: queued.runId });
    const load = run.steps.find((s) => s.nodeId === "load")!.artifacts[0]!;
    expect(await owner.dataset.delete({ projectId, datasetId: up.datasetId })).toEqual({ name: "sales" });
    expect((await owner.dataset.list({ projectId })).map((d) => d.name)).not.toContain("sales");
    expect(await db.datasetVersion.count({ where: { datasetId: up.datasetId } })).toBe(0);
    // The run's lineage keeps the reference and the bytes' hash; only the version row is gone.
    const lineage = await owner.artifact.lineage({ projectId, artifactId: load.id });
    expect(lineage.datasets).toEqual([{ reference: "dataset:sales", contentHash: up.version.contentHash, version: null }]);
    await expect(owner.run.start({ projectId, pipelineId: byName.id, target: "server" })).rejects.toMatchObject({
      message: expect.stringMatching(/Dataset "sales" is not in this project/),
    });
    await expect(owner.dataset.usage({ projectId, datasetId: up.datasetId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
