import { rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

const { dataDir } = await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { irisGraph, saveGraph } = await import("../testing/runFixtures");
const { defaultBlobStore } = await import("../artifacts/defaultStore");
const { createDatasetVersion } = await import("../datasets/datasetVersions");
const { testWorker, drainQueue } = await import("../testing/testWorker");

describe("a failed run's messages name no server paths", () => {
  it("a dataset whose file vanished fails its node with the error, but not with where the data directory is", async () => {
    const { caller, user } = await signedUpCaller("paths@example.com");
    const projectId = (await caller.project.create({ name: "Paths" })).id;
    const rows = Array.from({ length: 20 }, (_, i) => `${i},${i % 2 === 0 ? "a" : "b"}`).join("\n");
    const created = await createDatasetVersion(db, defaultBlobStore(), {
      projectId,
      userId: user.id,
      name: "vanishing",
      fileName: "vanishing.csv",
      bytes: new TextEncoder().encode(`x,species\n${rows}\n`),
    });
    const graph = irisGraph({ dataset: created.reference, model: { kind: "gradient-boosting", params: { target: "species", maxIterations: 2 } } });
    const { pipelineId } = await saveGraph(caller, projectId, graph);
    // The blob is gone from the store (a disk lost, a bad restore): the store says so by its hash, the file system's ENOENT would name its absolute path.
    await rm(path.join(dataDir, "artifacts", created.version.storageKey.slice(0, 2), created.version.storageKey));
    const started = await caller.run.start({ projectId, pipelineId, target: "server" });
    const worker = await testWorker("paths", { log: () => {} });
    await drainQueue(worker);

    const run = await caller.run.get({ projectId, runId: started.runId });
    expect(run.status).toBe("failed");
    const load = run.steps.find((s) => s.nodeId === "load")!;
    const shown = [JSON.stringify(run.error), load.error ?? "", JSON.stringify(await db.runEvent.findMany({ where: { runId: started.runId } }))].join("\n");
    expect(load.error).toBe(`The stored content ${created.version.storageKey} is missing from the file store.`);
    expect(shown).not.toContain(dataDir);
    expect(shown).not.toMatch(/\n\s+at /);
  });
});
