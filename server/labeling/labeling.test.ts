import { beforeAll, describe, expect, it } from "vitest";
import { outcomeCode } from "../testing/outcomeCode";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { saveGraph, trainModel } = await import("../testing/runFixtures");
const { samplerGraph } = await import("../testing/samplerGraph");
const { testWorker, drainQueue } = await import("../testing/testWorker");
const { claimNextItem, labelItem, CLAIM_LEASE_MS } = await import("./claims");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

const worker = await testWorker("labeling-test");
const QUEUE = "iris labels";

let alice: Caller;
let dave: Caller;
let bob: Caller;
let aliceId: string;
let daveId: string;
let projectId: string;
let pipelineId: string;
let queueId: string;
let firstRun: { runId: string; artifactId: string };

const CLASSES = ["setosa", "versicolor", "virginica"];
let given = 0;

/** Labels every row this caller can claim, the classes in turn (so each has rows to train on), until none is left for them. */
async function labelAll(caller: Caller): Promise<string[]> {
  const labelled: string[] = [];
  for (;;) {
    const item = await caller.labeling.next({ projectId, queueId });
    if (item === null) return labelled;
    const done = await outcomeCode(caller.labeling.label({ projectId, queueId, itemId: item.id, value: CLASSES[given++ % 3]! }));
    if (done === "OK") labelled.push(item.id);
  }
}

beforeAll(async () => {
  const a = await signedUpCaller("alice@example.com");
  const d = await signedUpCaller("dave@example.com");
  const b = await signedUpCaller("bob@example.com");
  [alice, dave, bob, aliceId, daveId] = [a.caller, d.caller, b.caller, a.user.id, d.user.id];
  projectId = (await alice.project.create({ name: "Active learning" })).id;
  await dave.shareLink.accept({ token: (await alice.shareLink.create({ projectId, role: "editor" })).token });
  await bob.shareLink.accept({ token: (await alice.shareLink.create({ projectId, role: "viewer" })).token });
  ({ pipelineId } = await saveGraph(alice, projectId, samplerGraph({ queue: QUEUE, batchSize: 20 })));
  firstRun = await trainModel(alice, worker, projectId, pipelineId);
  queueId = (await alice.labeling.listQueues({ projectId }))[0]!.id;
});

describe("a server run with an Uncertainty sampler fills the project's queue", () => {
  it("creates the queue by name with the model's classes and queues the batch as round 1", async () => {
    const [queue] = await bob.labeling.listQueues({ projectId });
    expect(queue).toMatchObject({ name: QUEUE, targetColumn: "species", counts: { open: 20, labelled: 0, skipped: 0 }, pipeline: { id: pipelineId } });
    expect([...queue!.classes].sort()).toEqual(["setosa", "versicolor", "virginica"]);
    const run = await alice.run.get({ projectId, runId: firstRun.runId });
    expect(JSON.stringify(run)).toContain(`queued 20 rows in \\"${QUEUE}\\" (round 1)`);
    expect((await bob.navigation.trail({ projectId, labelingQueueId: queueId })).labelingQueue).toEqual({ id: queueId, name: QUEUE });
  });
});

describe("claims", () => {
  it("never gives two labelers the same row, however many ask at once", async () => {
    const claims = await Promise.all(Array.from({ length: 25 }, (_, i) => claimNextItem(db, { queueId, userId: `racer-${i}` })));
    const ids = claims.flatMap((c) => (c === null ? [] : [c.id]));
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect(claims.filter((c) => c === null)).toHaveLength(5);
    // Those racers walked away: their leases lapse, and the rows are free again.
    await db.labelingItem.updateMany({ where: { queueId }, data: { claimedById: null, claimedUntil: null } });
  });

  it("refuses a label on a row a teammate holds, and frees it once their lease lapses", async () => {
    const held = (await alice.labeling.next({ projectId, queueId }))!;
    expect((await alice.labeling.next({ projectId, queueId }))!.id).toBe(held.id);
    expect(await outcomeCode(dave.labeling.label({ projectId, queueId, itemId: held.id, value: "setosa" }))).toBe("CONFLICT");
    expect(await outcomeCode(dave.labeling.skip({ projectId, queueId, itemId: held.id }))).toBe("CONFLICT");
    expect((await dave.labeling.next({ projectId, queueId }))!.id).not.toBe(held.id);
    const later = new Date(Date.now() + CLAIM_LEASE_MS + 1000);
    expect((await claimNextItem(db, { queueId, userId: "late-comer", now: later }))?.id).toBe(held.id);
    await expect(labelItem(db, { queueId, userId: "late-comer", now: later }, held.id, "nonsense")).rejects.toThrow(/not one of this queue's classes/);
    await db.labelingItem.updateMany({ where: { queueId }, data: { claimedById: null, claimedUntil: null } });
  });

  it("lets viewers see the queue but not claim or label", async () => {
    expect((await bob.labeling.queue({ projectId, queueId })).counts.open).toBe(20);
    expect(await outcomeCode(bob.labeling.next({ projectId, queueId }))).toBe("FORBIDDEN");
    const item = await db.labelingItem.findFirstOrThrow({ where: { queueId } });
    expect(await outcomeCode(bob.labeling.label({ projectId, queueId, itemId: item.id, value: "setosa" }))).toBe("FORBIDDEN");
  });
});

describe("labeling, undo and commit", () => {
  it("undo withdraws the caller's last label and gives the row back to them only", async () => {
    const item = (await alice.labeling.next({ projectId, queueId }))!;
    await alice.labeling.label({ projectId, queueId, itemId: item.id, value: "virginica" });
    expect(await outcomeCode(alice.labeling.label({ projectId, queueId, itemId: item.id, value: "setosa" }))).toBe("CONFLICT");
    expect(await alice.labeling.undo({ projectId, queueId })).toMatchObject({ value: "virginica", item: { id: item.id, row: item.row } });
    const withdrawn = await db.label.findFirstOrThrow({ where: { itemId: item.id } });
    expect(withdrawn.withdrawnAt).not.toBeNull();
    expect((await dave.labeling.next({ projectId, queueId }))!.id).not.toBe(item.id);
    expect((await alice.labeling.next({ projectId, queueId }))!.id).toBe(item.id);
    await alice.labeling.label({ projectId, queueId, itemId: item.id, value: "setosa" });
    expect(await dave.labeling.undo({ projectId, queueId })).toBeNull();
    await db.labelingItem.updateMany({ where: { queueId, status: "open" }, data: { claimedById: null, claimedUntil: null } });
  });

  it("two editors labelling at once label every row once", async () => {
    const [byAlice, byDave] = await Promise.all([labelAll(alice), labelAll(dave)]);
    const all = [...byAlice, ...byDave];
    expect(all.length).toBe(19);
    expect(new Set(all).size).toBe(19);
    expect(byDave.length).toBeGreaterThan(0);
    const live = await db.label.groupBy({ by: ["itemId"], where: { queueId, withdrawnAt: null }, _count: { _all: true } });
    expect(live).toHaveLength(20);
    expect(live.every((l) => l._count._all === 1)).toBe(true);
    expect((await alice.labeling.queue({ projectId, queueId })).counts).toEqual({ open: 0, labelled: 20, skipped: 0 });
  });

  it("commits the labels as a version of the labelled dataset, then only new ones as the next version", async () => {
    const first = await alice.labeling.commit({ projectId, queueId });
    expect(first).toMatchObject({ committed: 20, datasetName: QUEUE, versionNumber: 1, rowCount: 20 });
    expect(await outcomeCode(alice.labeling.commit({ projectId, queueId }))).toBe("BAD_REQUEST");
    const version = await db.datasetVersion.findFirstOrThrow({ where: { datasetId: first.datasetId, number: 1 }, select: { schema: true } });
    expect(version.schema).toContain('"species"');
    expect(version.schema).toContain('"petal_length_cm"');
    expect(await db.label.count({ where: { queueId, withdrawnAt: null, datasetVersionId: null } })).toBe(0);

    // Dave changes his mind about his latest row: the next version holds the new label, still 20 rows.
    const undone = (await dave.labeling.undo({ projectId, queueId }))!;
    const relabel = undone.value === "setosa" ? "virginica" : "setosa";
    await dave.labeling.label({ projectId, queueId, itemId: undone.item.id, value: relabel });
    const second = await dave.labeling.commit({ projectId, queueId });
    expect(second).toMatchObject({ committed: 1, datasetId: first.datasetId, versionNumber: 2, rowCount: 20 });
    const detail = await bob.labeling.queue({ projectId, queueId });
    expect(detail.dataset).toEqual({ id: first.datasetId, name: QUEUE });
    expect(detail.pendingLabels).toBe(0);
    expect(detail.labelers.map((l) => l.name).sort()).toEqual(["alice@example.com", "dave@example.com"]);
  });
});

describe("retrain and sample again", () => {
  it("trains on the labelled dataset's newest version, samples round 2 and records the round's accuracy", async () => {
    // The user points the training Load at the labelled dataset, as the empty state explains.
    await saveGraph(alice, projectId, samplerGraph({ queue: QUEUE, batchSize: 10, trainOn: QUEUE }), pipelineId);
    const item = (await alice.labeling.next({ projectId, queueId })) ?? null;
    expect(item).toBeNull();
    const outcome = await alice.labeling.retrain({ projectId, queueId });
    expect(outcome).toMatchObject({ commit: null, round: 1, labelCount: 20 });
    const newest = await db.datasetVersion.findFirstOrThrow({ where: { dataset: { name: QUEUE, projectId } }, orderBy: { number: "desc" } });
    const run = await db.run.findUniqueOrThrow({ where: { id: outcome.runId } });
    expect(JSON.parse(run.datasetVersions)[QUEUE]).toMatchObject({ versionId: newest.id });
    expect((await alice.labeling.queue({ projectId, queueId })).rounds[0]).toMatchObject({ number: 1, labelCount: 20, accuracy: null });
    await drainQueue(worker);
    expect(await db.run.findUniqueOrThrow({ where: { id: outcome.runId }, select: { status: true, error: true } })).toEqual({
      status: "succeeded",
      error: null,
    });
    const detail = await bob.labeling.queue({ projectId, queueId });
    expect(detail.rounds[0]!.accuracy).toEqual(expect.any(Number));
    expect(detail.round).toEqual({ number: 2, done: 0, total: 10 });
    expect(detail.counts).toEqual({ open: 10, labelled: 20, skipped: 0 });
    expect(await outcomeCode(bob.labeling.retrain({ projectId, queueId }))).toBe("FORBIDDEN");
  });
});

describe("labels outlive the pipeline and the model", () => {
  it("keeps every label and who gave it after a model rollback and the pipeline's deletion", async () => {
    const before = await db.label.findMany({
      where: { queueId },
      select: { id: true, value: true, labelledById: true, withdrawnAt: true },
      orderBy: { id: "asc" },
    });
    const runs = await db.run.findMany({ where: { pipelineId }, orderBy: { createdAt: "asc" }, include: { steps: { include: { artifacts: true } } } });
    const modelArtifacts = runs.map((r) => r.steps.find((s) => s.nodeId === "model")!.artifacts.find((a) => a.portType === "Model")!.id);
    const v1 = await alice.registry.register({ projectId, artifactId: modelArtifacts[0]!, modelName: "iris" });
    const v2 = await alice.registry.register({ projectId, artifactId: modelArtifacts.at(-1)!, modelName: "iris" });
    await alice.registry.moveAlias({ projectId, registeredModelId: v2.registeredModelId, alias: "champion", versionId: v2.versionId });
    await alice.registry.moveAlias({ projectId, registeredModelId: v2.registeredModelId, alias: "champion", versionId: v1.versionId, reason: "rollback" });
    await alice.pipeline.delete({ projectId, pipelineId });

    const after = await db.label.findMany({
      where: { queueId },
      select: { id: true, value: true, labelledById: true, withdrawnAt: true },
      orderBy: { id: "asc" },
    });
    expect(after).toEqual(before);
    expect(after.filter((l) => l.withdrawnAt === null)).toHaveLength(20);
    expect(new Set(after.map((l) => l.labelledById))).toEqual(new Set([aliceId, daveId]));
    const detail = await bob.labeling.queue({ projectId, queueId });
    expect(detail).toMatchObject({ pipeline: null, counts: { labelled: 20 }, dataset: { name: QUEUE } });
    expect(detail.rounds).toHaveLength(1);
    expect(await outcomeCode(alice.labeling.retrain({ projectId, queueId }))).toBe("BAD_REQUEST");
  });
});
