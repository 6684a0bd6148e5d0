import { beforeAll, describe, expect, it } from "vitest";
import { outcomeCode } from "../testing/outcomeCode";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { ServerLabelingQueue } = await import("./serverLabelingQueue");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

let editor: Caller;
let userId: string;
let projectId: string;
let pipelineId: string;

/** A queue filled the way a sampler run fills it (the server's port), with one row labelled by the editor. */
async function queueWithOneLabel(name: string): Promise<string> {
  const port = new ServerLabelingQueue(db, { projectId, pipelineId, userId });
  await port.enqueue({
    queueName: name,
    targetColumn: "species",
    classes: ["setosa", "virginica"],
    rows: [{ key: `${name}-1`, values: { petal_length_cm: 1.4 }, score: 0.9, guess: "setosa", confidence: 0.55 }],
  });
  const queueId = (await db.labelingQueue.findFirstOrThrow({ where: { projectId, name } })).id;
  const item = (await editor.labeling.next({ projectId, queueId }))!;
  await editor.labeling.label({ projectId, queueId, itemId: item.id, value: "virginica" });
  return queueId;
}

const versionsOf = (name: string) => db.datasetVersion.count({ where: { dataset: { projectId, name } } });

beforeAll(async () => {
  const signedUp = await signedUpCaller("labels-owner@example.com");
  [editor, userId] = [signedUp.caller, signedUp.user.id];
  projectId = (await editor.project.create({ name: "Labels" })).id;
  pipelineId = (await editor.pipeline.create({ projectId, name: "Sampler" })).id;
});

describe("a queue's first commit never writes into a dataset it did not create", () => {
  it("refuses when an uploaded dataset already has the queue's name, and leaves that dataset as it was", async () => {
    await editor.dataset.upload({ projectId, name: "iris pool", fileName: "pool.csv", content: "petal_length_cm,species\n1.4,\n4.7,\n" });
    const queueId = await queueWithOneLabel("iris pool");
    expect(await outcomeCode(editor.labeling.commit({ projectId, queueId }))).toBe("CONFLICT");
    expect(await outcomeCode(editor.labeling.retrain({ projectId, queueId }))).toBe("CONFLICT");
    expect(await versionsOf("iris pool")).toBe(1);
    expect(await db.label.count({ where: { queueId, datasetVersionId: null } })).toBe(1);
  });

  it("refuses when another queue's labelled dataset has the name, and commits to the queue's own dataset after", async () => {
    const first = await queueWithOneLabel("round one");
    expect(await editor.labeling.commit({ projectId, queueId: first })).toMatchObject({ datasetName: "round one", versionNumber: 1 });
    // A dataset renamed by hand keeps belonging to its queue: later commits go to it, whatever its name.
    const second = await queueWithOneLabel("second queue");
    const { datasetId } = await editor.labeling.commit({ projectId, queueId: second });
    await db.dataset.update({ where: { id: datasetId }, data: { name: "renamed labels" } });
    await db.dataset.update({ where: { id: (await db.dataset.findFirstOrThrow({ where: { projectId, name: "round one" } })).id }, data: { name: "taken" } });
    const third = await queueWithOneLabel("taken");
    expect(await outcomeCode(editor.labeling.commit({ projectId, queueId: third }))).toBe("CONFLICT");
    expect(await versionsOf("taken")).toBe(1);

    const port = new ServerLabelingQueue(db, { projectId, pipelineId, userId });
    await port.enqueue({
      queueName: "second queue",
      targetColumn: "species",
      classes: ["setosa", "virginica"],
      rows: [{ key: "second-2", values: { petal_length_cm: 5.1 }, score: 0.8, guess: "virginica", confidence: 0.6 }],
    });
    const item = (await editor.labeling.next({ projectId, queueId: second }))!;
    await editor.labeling.label({ projectId, queueId: second, itemId: item.id, value: "setosa" });
    expect(await editor.labeling.commit({ projectId, queueId: second })).toMatchObject({
      datasetId,
      datasetName: "renamed labels",
      versionNumber: 2,
      rowCount: 2,
    });
  });
});
