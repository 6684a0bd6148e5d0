import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcomeCode } from "../testing/outcomeCode";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { serveHandler } = await import("../testing/serveHandler");
const { defaultBlobStore } = await import("../artifacts/defaultStore");
const { deserializeArtifact } = await import("../artifacts/artifactSerialization");
const { readModel } = await import("../deployments/modelCache");
const { testWorker, drainQueue } = await import("../testing/testWorker");
const { trainModel } = await import("../testing/runFixtures");
const { processQueues } = await import("../queue/processQueues");
const { handlePredict, createServingDeps } = await import("../deployments/predictHandler");
const { createDatasetVersion } = await import("../datasets/datasetVersions");
const { handleBatchUpload } = await import("./batchUploadHandler");
const { handleBatchDownload } = await import("./batchDownloadHandler");
const { scoreNextBatch } = await import("./executeBatchPrediction");
const { handleModelBundleDownload } = await import("../downloads/modelBundleHandler");
const { handleTableCsvDownload } = await import("../downloads/tableCsvHandler");
const { parseCsvRecords } = await import("@/pipeline/ml/table/csv");
const { readCsv } = await import("@/pipeline/ml/table/read-csv");
const { writeCsv } = await import("@/pipeline/ml/table/write-csv");
const { cellValue } = await import("@/pipeline/ml/table/cell-values");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

const IRIS = readFileSync(path.join(process.cwd(), "public/datasets/iris.csv"), "utf8");
const FEATURES = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"];
/** Iris with an id column whose order is neither sorted nor numeric, so "in input order" is checked, not assumed. */
const KEYED = IRIS.trimEnd()
  .split("\n")
  .map((line, i) => (i === 0 ? `customer_id,${line}` : `c-${String((i * 37) % 151).padStart(3, "0")},${line}`))
  .join("\n");
const KEYS = KEYED.split("\n")
  .slice(1)
  .map((line) => line.split(",")[0]!);

const worker = await testWorker("batch-test");
const deps = createServingDeps(db, defaultBlobStore());
// Routed as the app/api routes route them.
const http = await serveHandler((req, url) => {
  const predict = /\/api\/v1\/endpoints\/([^/]+)\/predict$/.exec(url.pathname);
  if (predict) return handlePredict(req, predict[1]!, deps);
  const upload = /^\/api\/projects\/([^/]+)\/batch-predictions$/.exec(url.pathname);
  if (upload) return handleBatchUpload(req, upload[1]!);
  const download = /^\/api\/projects\/([^/]+)\/batch-predictions\/([^/]+)\/download$/.exec(url.pathname);
  if (download) return handleBatchDownload(req, download[1]!, download[2]!);
  const bundle = /^\/api\/projects\/([^/]+)\/model-bundle$/.exec(url.pathname);
  if (bundle) return handleModelBundleDownload(req, bundle[1]!);
  const csv = /^\/api\/projects\/([^/]+)\/artifacts\/([^/]+)\/csv$/.exec(url.pathname);
  if (csv) return handleTableCsvDownload(req, csv[1]!, csv[2]!);
  return Promise.resolve(new Response("not found", { status: 404 }));
});

let owner: Caller;
let ownerToken: string;
let viewer: Caller;
let viewerToken: string;
let strangerToken: string;
let projectId: string;
let modelArtifactId: string;
let runId: string;
let deployment: { id: string; path: string; key: string };

beforeAll(async () => {
  const signedUp = await signedUpCaller("batch-owner@example.com");
  owner = signedUp.caller;
  ownerToken = signedUp.token;
  const viewerSignUp = await signedUpCaller("batch-viewer@example.com");
  viewer = viewerSignUp.caller;
  viewerToken = viewerSignUp.token;
  strangerToken = (await signedUpCaller("batch-stranger@example.com")).token;
  projectId = (await owner.project.list()).find((p) => p.name.startsWith("Demo"))!.id;
  const link = await owner.shareLink.create({ projectId, role: "viewer" });
  await viewer.shareLink.accept({ token: link.token });
  const pipelineId = (await owner.pipeline.list({ projectId }))[0]!.id;
  ({ runId, artifactId: modelArtifactId } = await trainModel(owner, worker, projectId, pipelineId));
  deployment = await owner.deployment.create({ projectId, artifactId: modelArtifactId, name: "Iris scorer" });
});
afterAll(() => http.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function uploadForm(fields: Record<string, string>, text: string, fileName = "customers.csv"): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set("file", new Blob([text], { type: "text/csv" }), fileName);
  return form;
}

async function uploadBatch(fields: Record<string, string>, text: string, token = ownerToken): Promise<Response> {
  return fetch(`${http.url}/api/projects/${projectId}/batch-predictions`, { method: "POST", headers: bearer(token), body: uploadForm(fields, text) });
}

function download(batchId: string, token: string | null = ownerToken): Promise<Response> {
  return fetch(`${http.url}/api/projects/${projectId}/batch-predictions/${batchId}/download`, { headers: token === null ? {} : bearer(token) });
}

/** The result file as header + rows of cells. */
function csvRows(text: string): [string[], ...string[][]] {
  const { header, columns, rowCount } = parseCsvRecords(text);
  return [header, ...Array.from({ length: rowCount }, (_, r) => columns.map((column) => column[r]!))];
}

/** What the endpoint answers for the same rows, in the same order. */
async function endpointPredictions(csv: string): Promise<{ label: string; probabilities: Record<string, number> }[]> {
  const table = readCsv(new TextEncoder().encode(csv));
  const instances = Array.from({ length: table.rowCount }, (_, row) =>
    Object.fromEntries(
      FEATURES.map((name) => [
        name,
        cellValue(
          table.columns.find((c) => c.name === name)!,
          row,
        ),
      ]),
    ),
  );
  const response = await fetch(`${http.url}${deployment.path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer(deployment.key) },
    body: JSON.stringify({ instances }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { predictions: { label: string; probabilities: Record<string, number> }[] }).predictions;
}

describe("batch predictions", () => {
  it("scores a 150-row upload keyed by a column: one line per row, keys in input order, the endpoint's predictions", async () => {
    const response = await uploadBatch({ deploymentId: deployment.id, keyColumn: "customer_id" }, KEYED);
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; status: string; rowsTotal: number; inputName: string };
    expect(created).toMatchObject({ status: "queued", rowsTotal: 150, inputName: "customers.csv" });
    expect((await download(created.id)).status).toBe(409);

    await drainQueue(worker);
    const batch = await viewer.batchPrediction.get({ projectId, batchId: created.id });
    expect(batch).toMatchObject({ status: "succeeded", rowsDone: 150, rowsTotal: 150, hasResult: true, error: null });

    const result = await download(created.id, viewerToken);
    expect(result.status).toBe(200);
    expect(result.headers.get("content-type")).toContain("text/csv");
    expect(result.headers.get("content-disposition")).toContain('attachment; filename="customers-predictions.csv"');
    const [header, ...rows] = csvRows(await result.text());
    const classes = ["setosa", "versicolor", "virginica"];
    expect(header).toEqual(["customer_id", "prediction", ...classes.map((c) => `probability_${c}`)]);
    expect(rows).toHaveLength(150);
    expect(rows.map((row) => row[0])).toEqual(KEYS);

    const expected = await endpointPredictions(IRIS);
    rows.forEach((row, i) => {
      expect(row[1]).toBe(expected[i]!.label);
      classes.forEach((label, k) => expect(Number(row[2 + k])).toBeCloseTo(expected[i]!.probabilities[label]!, 6));
    });
    // The model is right about most of iris: the predictions are the model's, not placeholders.
    const truth = IRIS.trimEnd()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[4]);
    expect(rows.filter((row, i) => row[1] === truth[i]).length).toBeGreaterThan(135);
  });

  it("scores a dataset version through tRPC with row numbers when no key is chosen, and lists it", async () => {
    const { version } = await createDatasetVersion(db, defaultBlobStore(), {
      projectId,
      userId: (await db.user.findUniqueOrThrow({ where: { email: "batch-owner@example.com" } })).id,
      name: "to score",
      fileName: "iris.csv",
      bytes: new TextEncoder().encode(IRIS),
    });
    const created = await owner.batchPrediction.create({ projectId, model: { deploymentId: deployment.id }, datasetVersionId: version.id, keyColumn: "" });
    expect(created).toMatchObject({ status: "queued", inputName: "to score v1", keyColumn: null, rowsTotal: 150 });
    await drainQueue(worker);
    const [header, ...rows] = csvRows(await (await download(created.id)).text());
    expect(header![0]).toBe("row");
    expect(rows.map((row) => row[0])).toEqual(Array.from({ length: 150 }, (_, i) => String(i + 1)));
    const listed = await viewer.batchPrediction.list({ projectId, deploymentId: deployment.id });
    expect(listed.map((b) => b.id)).toContain(created.id);
    expect(listed.every((b) => !("outputStorageKey" in b))).toBe(true);
  });

  it("refuses inputs it cannot score, naming what is missing, before queueing anything", async () => {
    const before = await db.batchPrediction.count();
    const noPetals = KEYED.split("\n")
      .map((line) => line.split(",").slice(0, 3).join(","))
      .join("\n");
    const missing = await uploadBatch({ deploymentId: deployment.id, keyColumn: "customer_id" }, noPetals);
    expect(missing.status).toBe(422);
    const message = ((await missing.json()) as { error: { message: string } }).error.message;
    expect(message).toContain('"petal_length_cm", "petal_width_cm"');
    expect(message).not.toContain("sepal_length_cm");

    const wrongKey = await uploadBatch({ deploymentId: deployment.id, keyColumn: "id" }, KEYED);
    expect(wrongKey.status).toBe(422);
    expect(((await wrongKey.json()) as { error: { message: string } }).error.message).toContain('The key column "id" is not in the input');
    expect((await uploadBatch({ keyColumn: "customer_id" }, KEYED)).status).toBe(400);
    expect((await uploadBatch({ deploymentId: "not-a-deployment" }, KEYED)).status).toBe(404);
    expect(await db.batchPrediction.count()).toBe(before);
  });

  it("fails a batch on a bad cell with the column and row, never internals", async () => {
    const bad = KEYED.replace(/\n(c-\d+),5\.0,/, "\n$1,five,");
    const response = await uploadBatch({ deploymentId: deployment.id, keyColumn: "customer_id" }, bad);
    // Read by inference at upload, "five" makes the column text: still has the feature, so it is queued.
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    await drainQueue(worker);
    const batch = await owner.batchPrediction.get({ projectId, batchId: id });
    expect(batch.status).toBe("failed");
    expect(batch.error).toMatch(/sepal_length_cm.*"five"/);
    expect(batch.error).not.toMatch(/\/work|node_modules|at .*\.ts/);
    expect((await download(id)).status).toBe(409);
  });

  it("lets only editors start or cancel; viewers read; strangers and the signed-out see nothing", async () => {
    expect((await uploadBatch({ deploymentId: deployment.id }, KEYED, viewerToken)).status).toBe(403);
    const version = await db.datasetVersion.findFirstOrThrow({ where: { dataset: { projectId } } });
    expect(
      await outcomeCode(viewer.batchPrediction.create({ projectId, model: { deploymentId: deployment.id }, datasetVersionId: version.id, keyColumn: null })),
    ).toBe("FORBIDDEN");
    const [batch] = await owner.batchPrediction.list({ projectId });
    expect(await outcomeCode(viewer.batchPrediction.cancel({ projectId, batchId: batch!.id }))).toBe("FORBIDDEN");
    expect((await download(batch!.id, strangerToken)).status).toBe(404);
    expect((await download(batch!.id, null)).status).toBe(401);
    expect((await download("not-a-batch")).status).toBe(404);
  });

  it("cancel stops a queued batch before it starts and a running one between chunks, storing nothing", async () => {
    const queued = (await (await uploadBatch({ deploymentId: deployment.id }, KEYED)).json()) as { id: string };
    expect((await owner.batchPrediction.cancel({ projectId, batchId: queued.id })).status).toBe("cancelled");
    expect(await outcomeCode(owner.batchPrediction.cancel({ projectId, batchId: queued.id }))).toBe("CONFLICT");
    await drainQueue(worker);
    expect(await owner.batchPrediction.get({ projectId, batchId: queued.id })).toMatchObject({ status: "cancelled", rowsDone: 0, hasResult: false });

    // Ten times iris, scored one row per chunk: long enough to cancel once progress shows.
    const [header, ...body] = KEYED.split("\n");
    const big = [header, ...Array.from({ length: 10 }, () => body).flat()].join("\n");
    const running = (await (await uploadBatch({ deploymentId: deployment.id }, big)).json()) as { id: string };
    const { batches } = await processQueues();
    const scoring = scoreNextBatch({ db, blobs: defaultBlobStore(), batches, leaseMs: 30_000, chunkRows: 1 }, new AbortController().signal);
    let seen = await owner.batchPrediction.get({ projectId, batchId: running.id });
    while (seen.rowsDone === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen = await owner.batchPrediction.get({ projectId, batchId: running.id });
    }
    expect(seen.status).toBe("running");
    await owner.batchPrediction.cancel({ projectId, batchId: running.id });
    expect(await scoring).toBe(true);
    const stopped = await owner.batchPrediction.get({ projectId, batchId: running.id });
    expect(stopped.status).toBe("cancelled");
    expect(stopped.hasResult).toBe(false);
    expect(stopped.rowsDone).toBeLessThan(1500);
    expect((await download(running.id)).status).toBe(409);
    // Its job is closed: nothing is left to deliver.
    expect(await batches.claim()).toBeNull();
  });
});

describe("batch predictions across workers", () => {
  it("a worker shutting down mid-batch hands it back, and another worker scores it whole", async () => {
    const [header, ...body] = KEYED.split("\n");
    const big = [header, ...Array.from({ length: 10 }, () => body).flat()].join("\n");
    const { id } = (await (await uploadBatch({ deploymentId: deployment.id, keyColumn: "customer_id" }, big)).json()) as { id: string };
    const { batches } = await processQueues();
    const shutdown = new AbortController();
    const scoring = scoreNextBatch({ db, blobs: defaultBlobStore(), batches, leaseMs: 30_000, chunkRows: 1 }, shutdown.signal);
    while ((await owner.batchPrediction.get({ projectId, batchId: id })).rowsDone === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    shutdown.abort(new Error("Worker shutting down"));
    expect(await scoring).toBe(true);
    expect(await owner.batchPrediction.get({ projectId, batchId: id })).toMatchObject({ status: "queued", rowsDone: 0, hasResult: false });

    await drainQueue(worker);
    expect(await owner.batchPrediction.get({ projectId, batchId: id })).toMatchObject({ status: "succeeded", rowsDone: 1500, rowsTotal: 1500 });
    const [, ...rows] = csvRows(await (await download(id)).text());
    expect(rows.map((row) => row[0])).toEqual(Array.from({ length: 10 }, () => KEYS).flat());
  });
});

describe("model and table downloads", () => {
  const bundleUrl = (query: string) => `${http.url}/api/projects/${projectId}/model-bundle?${query}`;

  it("downloads the model an endpoint loads, which deserializes to the same model, with a versioned file name", async () => {
    const stored = await readModel(db, defaultBlobStore(), modelArtifactId);
    const current = await db.deployment.findUniqueOrThrow({ where: { id: deployment.id }, select: { currentVersionId: true } });
    for (const query of [`deploymentId=${deployment.id}`, `deploymentVersionId=${current.currentVersionId}`]) {
      const response = await fetch(bundleUrl(query), { headers: bearer(viewerToken) });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toContain('filename="iris-scorer-v1.vajra-model"');
      expect(deserializeArtifact(new Uint8Array(await response.arrayBuffer()))).toEqual(stored);
    }
    const registered = await owner.registry.register({ projectId, artifactId: modelArtifactId, modelName: "Churn" });
    const response = await fetch(bundleUrl(`registeredVersionId=${registered.versionId}`), { headers: bearer(viewerToken) });
    expect(response.headers.get("content-disposition")).toContain(`filename="churn-v${registered.number}.vajra-model"`);
    expect(deserializeArtifact(new Uint8Array(await response.arrayBuffer()))).toEqual(stored);

    expect((await fetch(bundleUrl(`deploymentId=${deployment.id}`))).status).toBe(401);
    expect((await fetch(bundleUrl(`deploymentId=${deployment.id}`), { headers: bearer(strangerToken) })).status).toBe(404);
    expect((await fetch(bundleUrl("deploymentId=nope"), { headers: bearer(ownerToken) })).status).toBe(404);
    expect((await fetch(bundleUrl(""), { headers: bearer(ownerToken) })).status).toBe(400);
  });

  it("a registered version scores batches too", async () => {
    const registered = await owner.registry.register({ projectId, artifactId: modelArtifactId, modelName: "Churn" });
    const response = await uploadBatch({ registeredVersionId: registered.versionId, keyColumn: "customer_id" }, KEYED);
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    await drainQueue(worker);
    expect(await owner.batchPrediction.get({ projectId, batchId: id })).toMatchObject({ status: "succeeded", registeredVersionId: registered.versionId });
  });

  it("downloads a table output as CSV and refuses non-table outputs", async () => {
    const run = await owner.run.get({ projectId, runId });
    const tableArtifact = run.steps.find((s) => s.nodeId === "load")!.artifacts.find((a) => a.portType === "Table")!;
    const row = await db.artifact.findUniqueOrThrow({ where: { id: tableArtifact.id } });
    const expected = writeCsv(deserializeArtifact(await defaultBlobStore().get(row.storageKey)) as Parameters<typeof writeCsv>[0]);
    const url = (artifactId: string) => `${http.url}/api/projects/${projectId}/artifacts/${artifactId}/csv`;
    const response = await fetch(url(tableArtifact.id), { headers: bearer(viewerToken) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain('filename="load-table.csv"');
    const text = await response.text();
    expect(text).toBe(expected);
    expect(text.split("\n")[0]).toContain("sepal_length_cm");
    expect((await fetch(url(modelArtifactId), { headers: bearer(viewerToken) })).status).toBe(400);
    expect((await fetch(url(tableArtifact.id), { headers: bearer(strangerToken) })).status).toBe(404);
  });
});
