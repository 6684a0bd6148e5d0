import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3RVER_CREDENTIALS, startS3Server } from "../testing/s3Server";
import { useFreshDatabase } from "../testing/testDatabase";

/**
 * The app's own paths with S3_BUCKET set: the process's store is the S3 store (on s3rver, a real
 * HTTP S3 server), credentials come through the SDK's default chain from the AWS variables, and
 * dataset uploads, downloads, server runs, lineage and artifact downloads behave as on disk.
 */
const { dataDir } = await useFreshDatabase();
const s3 = await startS3Server("vajra-app");
process.env.S3_BUCKET = s3.bucket;
process.env.S3_ENDPOINT = s3.endpoint;
process.env.AWS_ACCESS_KEY_ID = S3RVER_CREDENTIALS.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY = S3RVER_CREDENTIALS.secretAccessKey;

const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { serveHandler } = await import("../testing/serveHandler");
const { irisGraph, saveGraph } = await import("../testing/runFixtures");
const { testWorker, drainQueue } = await import("../testing/testWorker");
const { handleDatasetUpload } = await import("../datasets/datasetUploadHandler");
const { handleDatasetDownload } = await import("../datasets/datasetDownloadHandler");
const { handleArtifactDownload } = await import("../notebooks/artifactDownloadHandler");
const { defaultBlobStore } = await import("./defaultStore");
const { S3BlobStore } = await import("./s3BlobStore");
const { sha256Of } = await import("./blobStore");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

let owner: Caller;
let token: string;
let projectId: string;
let http: Awaited<ReturnType<typeof serveHandler>>;

beforeAll(async () => {
  const signedUp = await signedUpCaller("owner@example.com");
  owner = signedUp.caller;
  token = signedUp.token;
  projectId = (await owner.project.create({ name: "On S3" })).id;
  // Routed as app/api routes them.
  http = await serveHandler((req, url) => {
    const datasets = url.pathname.match(/^\/api\/projects\/([^/]+)\/datasets$/);
    if (datasets) return req.method === "POST" ? handleDatasetUpload(req, datasets[1]!) : handleDatasetDownload(req, datasets[1]!);
    const artifact = url.pathname.match(/^\/api\/projects\/([^/]+)\/artifacts\/([^/]+)$/);
    if (artifact) return handleArtifactDownload(req, artifact[1]!, artifact[2]!);
    return Promise.resolve(new Response("not found", { status: 404 }));
  });
});

afterAll(async () => {
  await http.close();
  await s3.close();
});

const headers = () => ({ authorization: `Bearer ${token}` });

async function uploadCsv(name: string, csv: Uint8Array) {
  const form = new FormData();
  form.set("file", new Blob([csv as Uint8Array<ArrayBuffer>], { type: "text/csv" }), `${name}.csv`);
  form.set("name", name);
  return fetch(`${http.url}/api/projects/${projectId}/datasets`, { method: "POST", headers: headers(), body: form });
}

/** A CSV of `rows` rows, three well separated classes: big enough to stream, easy enough to learn. */
function generatedCsv(rows: number): Uint8Array {
  const lines = ["a,b,c,species"];
  for (let i = 0; i < rows; i++) {
    const species = ["setosa", "versicolor", "virginica"][i % 3]!;
    const centre = (i % 3) * 10;
    lines.push(`${centre + (i % 7) * 0.1},${centre - (i % 5) * 0.1},${(i * 7919) % 1000},${species}`);
  }
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}

describe("the app on an S3 bucket", () => {
  let datasetReference: string;

  it("uploads a dataset into the bucket (not DATA_DIR) and downloads it byte for byte", async () => {
    expect(defaultBlobStore()).toBeInstanceOf(S3BlobStore);
    const csv = generatedCsv(120_000);
    expect(csv.byteLength).toBeGreaterThan(2 * 1024 * 1024);
    const hash = sha256Of(csv);

    const uploaded = await uploadCsv("big", csv);
    expect(uploaded.status).toBe(201);
    const body = (await uploaded.json()) as { datasetId: string; reference: string; version: { id: string; contentHash: string; bytes: number } };
    expect(body.version).toMatchObject({ contentHash: hash, bytes: csv.byteLength });
    expect(s3.objectWrites(`artifacts/${hash}`)).toBe(1);
    expect(existsSync(path.join(dataDir, "artifacts"))).toBe(false);

    const downloaded = await fetch(`${http.url}/api/projects/${projectId}/datasets?id=${body.datasetId}&version=${body.version.id}`, { headers: headers() });
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get("content-length")).toBe(String(csv.byteLength));
    expect(downloaded.headers.get("x-vajra-content-hash")).toBe(hash);
    const bytes = new Uint8Array(await downloaded.arrayBuffer());
    expect(Buffer.compare(bytes, csv)).toBe(0);

    // The same bytes again: no new version and no second upload of the object.
    const again = await uploadCsv("big", csv);
    expect(again.status).toBe(200);
    expect(s3.objectWrites(`artifacts/${hash}`)).toBe(1);
  });

  it("runs a pipeline on the server worker from and into the bucket, with lineage and artifact downloads", async () => {
    const uploaded = await uploadCsv("small", generatedCsv(150));
    datasetReference = ((await uploaded.json()) as { reference: string }).reference;
    const { pipelineId } = await saveGraph(owner, projectId, irisGraph({ dataset: datasetReference }));
    const started = await owner.run.start({ projectId, pipelineId, target: "server" });
    await drainQueue(await testWorker("s3-worker"));

    const run = await owner.run.get({ projectId, runId: started.runId });
    expect(run).toMatchObject({ status: "succeeded", error: null });
    const rows = await db.artifact.findMany({ where: { projectId }, select: { storageKey: true } });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(s3.objectWrites(`artifacts/${row.storageKey}`)).toBe(1);
    expect(existsSync(path.join(dataDir, "artifacts"))).toBe(false);

    const metrics = run.steps.find((s) => s.nodeId === "evaluate")!.artifacts[0]!;
    const lineage = await owner.artifact.lineage({ projectId, artifactId: metrics.id });
    expect(lineage.datasets.map((d) => d.reference)).toEqual([datasetReference]);
    const downloaded = await fetch(`${http.url}/api/projects/${projectId}/artifacts/${metrics.id}`, { headers: headers() });
    expect(downloaded.status).toBe(200);
    expect(await downloaded.text()).toContain("accuracy");

    // A second run of the same version is served from the cache, read back from the bucket.
    const rerun = await owner.run.start({ projectId, pipelineId, target: "server" });
    await drainQueue(await testWorker("s3-worker"));
    const cached = await owner.run.get({ projectId, runId: rerun.runId });
    expect(cached.status).toBe("succeeded");
    expect(cached.steps.every((s) => s.cacheHit)).toBe(true);
  });

  it("answers a clear 500 naming nothing of the store when the bucket's server is down, and stores nothing", async () => {
    const version = await db.datasetVersion.findFirstOrThrow({ where: { dataset: { projectId, name: "big" } }, select: { id: true, datasetId: true } });
    const versionsBefore = await db.datasetVersion.count();
    await s3.close();

    const download = await fetch(`${http.url}/api/projects/${projectId}/datasets?id=${version.datasetId}&version=${version.id}`, { headers: headers() });
    const upload = await uploadCsv("while down", generatedCsv(30));
    for (const response of [download, upload]) {
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).toContain("Stored files cannot be reached right now");
      for (const internal of [s3.bucket, s3.endpoint, new URL(s3.endpoint).port, "ECONNREFUSED", "artifacts/"]) expect(text).not.toContain(internal);
    }
    expect(await db.datasetVersion.count()).toBe(versionsBefore);
  });
});
