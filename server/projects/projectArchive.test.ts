import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { extract as tarExtract, pack as tarPack, type Header } from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
// Small enough that a gzip bomb is cheap to build, large enough for the iris project's archive.
process.env.VAJRA_IMPORT_MAX_UNPACKED_BYTES = String(16 * 1024 * 1024);
process.env.VAJRA_IMPORT_MAX_BYTES = String(4 * 1024 * 1024);
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { irisGraph, saveGraph } = await import("../testing/runFixtures");
const { serveApp } = await import("../testing/httpApp");
const { serveHandler } = await import("../testing/serveHandler");
const { defaultBlobStore } = await import("../artifacts/defaultStore");
const { testWorker, drainQueue } = await import("../testing/testWorker");
const { handlePredict, createServingDeps } = await import("../deployments/predictHandler");
const { projectManifest, projectArchiveStream } = await import("./exportProject");
const { hashArtifactValue } = await import("@/pipeline/runtime/artifactHash");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];
interface User {
  caller: Caller;
  token: string;
  user: { id: string };
}

const app = await serveApp();
const predictServer = await serveHandler((req, url) =>
  handlePredict(req, /\/endpoints\/([^/]+)\/predict$/.exec(url.pathname)![1]!, createServingDeps(db, defaultBlobStore())),
);
const worker = await testWorker("archive-test");
const blobs = defaultBlobStore();

const IRIS = readFileSync(path.join(process.cwd(), "public", "datasets", "iris.csv"));
/** Version 2 of the dataset: the same flowers without the last ten rows. */
const IRIS_V2 = Buffer.from(IRIS.toString("utf8").trimEnd().split("\n").slice(0, -10).join("\n") + "\n");
const ROWS = [
  { sepal_length_cm: 5.1, sepal_width_cm: 3.5, petal_length_cm: 1.4, petal_width_cm: 0.2 },
  { sepal_length_cm: 7.0, sepal_width_cm: 3.2, petal_length_cm: 4.7, petal_width_cm: 1.4 },
  { sepal_length_cm: 6.3, sepal_width_cm: 3.3, petal_length_cm: 6.0, petal_width_cm: 2.5 },
];

let alice: User;
let bob: User;
let carol: User;
let projectId: string;
let datasetId: string;
let pipelineId: string;
let modelArtifactId: string;
let deployment: { id: string; path: string; key: string };
let originalPredictions: unknown;
let archive: Uint8Array;

function request(user: User | null, pathname: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (user) headers.set("authorization", `Bearer ${user.token}`);
  return fetch(`${app.url}${pathname}`, { ...init, headers });
}

async function predict(slugPath: string, key: string | null) {
  const response = await fetch(`${predictServer.url}${slugPath}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ instances: ROWS }),
  });
  return { status: response.status, body: (await response.json()) as { predictions?: unknown } };
}

async function uploadDataset(bytes: Buffer) {
  const response = await request(alice, `/api/projects/${projectId}/datasets?name=flowers&fileName=iris.csv`, { method: "POST", body: new Uint8Array(bytes) });
  expect(response.status).toBe(201);
  return ((await response.json()) as { datasetId: string }).datasetId;
}

function importArchive(user: User | null, body: Uint8Array) {
  return request(user, "/api/projects/import", { method: "POST", headers: { "content-type": "application/gzip" }, body: body as BodyInit });
}

interface Entry {
  name: string;
  bytes: Uint8Array;
  header?: Partial<Header>;
}

async function unpackEntries(gzipped: Uint8Array): Promise<Entry[]> {
  const extract = tarExtract();
  const entries: Entry[] = [];
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      entries.push({ name: entry.header.name, bytes: Buffer.concat(chunks) });
    }
  })();
  extract.end(gunzipSync(gzipped));
  await done;
  return entries;
}

async function packEntries(entries: Entry[]): Promise<Uint8Array> {
  const pack = tarPack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name: entry.name, ...entry.header }, Buffer.from(entry.bytes), (error) => (error ? reject(error) : resolve())),
    );
  }
  pack.finalize();
  await collected;
  return gzipSync(Buffer.concat(chunks));
}

beforeAll(async () => {
  alice = await signedUpCaller("archive-alice@example.com");
  bob = await signedUpCaller("archive-bob@example.com");
  carol = await signedUpCaller("archive-carol@example.com");
  projectId = (await alice.caller.project.create({ name: "Flower shop", description: "Moved between servers" })).id;
  const link = await alice.caller.shareLink.create({ projectId, role: "viewer" });
  await carol.caller.shareLink.accept({ token: link.token });

  datasetId = await uploadDataset(IRIS);
  expect(await uploadDataset(IRIS_V2)).toBe(datasetId);
  const graph = irisGraph({ dataset: `dataset:${datasetId}` });
  pipelineId = (await saveGraph(alice.caller, projectId, graph)).pipelineId;
  await saveGraph(
    alice.caller,
    projectId,
    irisGraph({ dataset: `dataset:${datasetId}`, model: { kind: "gradient-boosting", params: { target: "species", maxIterations: 10 } } }),
    pipelineId,
  );

  const { id: notebookId } = await alice.caller.notebook.create({ projectId, name: "Explore" });
  const cells = (await alice.caller.notebook.get({ projectId, notebookId })).cells;
  await alice.caller.notebook.save({
    projectId,
    notebookId,
    order: [cells[0]!.id, "plot"],
    cells: [
      { id: "plot", kind: "javascript", source: 'const t = await vajra.dataset("flowers");', outputs: [{ type: "text", text: "150 rows" }], executionCount: 3 },
    ],
    deleted: [],
  });

  const { runId } = await alice.caller.run.start({ projectId, pipelineId, target: "server" });
  await drainQueue(worker);
  const run = await alice.caller.run.get({ projectId, runId });
  expect(run.status).toBe("succeeded");
  modelArtifactId = run.steps.find((s) => s.nodeId === "model")!.artifacts.find((a) => a.portType === "Model")!.id;
  deployment = await alice.caller.deployment.create({ projectId, artifactId: modelArtifactId, name: "Iris" });
  const served = await predict(deployment.path, deployment.key);
  expect(served.status).toBe(200);
  originalPredictions = served.body.predictions;
}, 120_000);

afterAll(async () => {
  await app.close();
  await predictServer.close();
});

describe("project export", () => {
  it("downloads the project as a named .vajra.tar.gz: the manifest first, then each blob once", async () => {
    const response = await request(alice, `/api/projects/${projectId}/export`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/gzip");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="Flower-shop-\d{4}-\d{2}-\d{2}\.vajra\.tar\.gz"$/);
    archive = new Uint8Array(await response.arrayBuffer());
    const entries = await unpackEntries(archive);
    expect(entries[0]!.name).toBe("manifest.json");
    const manifest = JSON.parse(Buffer.from(entries[0]!.bytes).toString("utf8")) as Record<string, unknown>;
    expect(manifest).toMatchObject({ format: "vajra-project-archive", formatVersion: 1, project: { name: "Flower shop" } });
    expect(JSON.stringify(manifest)).not.toContain(deployment.key.slice(0, 12));
    expect(entries.slice(1).every((e) => /^blobs\/[0-9a-f]{64}$/.test(e.name))).toBe(true);
    expect(entries.map((e) => e.name).filter((name) => name.startsWith("blobs/"))).toContain(
      `blobs/${(await db.datasetVersion.findFirstOrThrow({ where: { datasetId, number: 1 } })).contentHash}`,
    );
  });

  it("stops reading the store when the download is cancelled, without an unhandled failure", async () => {
    const reader = projectArchiveStream(blobs, await projectManifest(db, projectId, alice.user.id)).getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    // Vitest fails the file on an unhandled rejection; give the producer time to notice.
    await new Promise((resolve) => setTimeout(resolve, 200));
  });

  it("is refused to viewers, non-members and the signed-out", async () => {
    expect((await request(carol, `/api/projects/${projectId}/export`)).status).toBe(403);
    expect([403, 404]).toContain((await request(bob, `/api/projects/${projectId}/export`)).status);
    expect((await request(null, `/api/projects/${projectId}/export`)).status).toBe(401);
  });
});

describe("project import", () => {
  let imported: { id: string; name: string };

  it("creates a new project owned by the importer with the same pipelines, datasets, notebooks and models", async () => {
    const response = await importArchive(bob, archive);
    expect(response.status).toBe(201);
    imported = (await response.json()) as { id: string; name: string };
    expect(imported.name).toBe("Flower shop");
    const project = await bob.caller.project.get({ projectId: imported.id });
    expect([project.role, project.description]).toEqual(["owner", "Moved between servers"]);
    expect((await db.membership.findMany({ where: { projectId: imported.id } })).map((m) => m.role)).toEqual(["owner"]);

    const dataset = (await bob.caller.dataset.list({ projectId: imported.id })).find((d) => d.kind === "project")!;
    expect(dataset.name).toBe("flowers");
    const versions = await db.datasetVersion.findMany({ where: { datasetId: dataset.datasetId }, orderBy: { number: "asc" } });
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(Buffer.from(await blobs.get(versions[0]!.storageKey)).equals(IRIS)).toBe(true);
    expect(Buffer.from(await blobs.get(versions[1]!.storageKey)).equals(IRIS_V2)).toBe(true);

    const [pipeline] = await bob.caller.pipeline.list({ projectId: imported.id });
    const originals = await db.pipelineVersion.findMany({ where: { pipelineId }, orderBy: { number: "asc" } });
    const copies = await db.pipelineVersion.findMany({ where: { pipelineId: pipeline!.id }, orderBy: { number: "asc" } });
    expect(copies.map((v) => v.number)).toEqual([1, 2]);
    // Load nodes read the imported dataset: only the reference differs.
    for (const [index, copy] of copies.entries()) {
      expect(copy.graph).toBe(originals[index]!.graph.replaceAll(`dataset:${datasetId}`, `dataset:${dataset.datasetId}`));
      expect(copy.spec).toBe(originals[index]!.spec!.replaceAll(`dataset:${datasetId}`, `dataset:${dataset.datasetId}`));
    }
    expect(copies[1]!.parentId).toBe(copies[0]!.id);

    const [notebook] = await bob.caller.notebook.list({ projectId: imported.id });
    const cells = (await bob.caller.notebook.get({ projectId: imported.id, notebookId: notebook!.id })).cells;
    expect(cells.map((c) => c.id).at(-1)).toBe("plot");
    expect(cells.at(-1)).toMatchObject({
      source: 'const t = await vajra.dataset("flowers");',
      outputs: [{ type: "text", text: "150 rows" }],
      executionCount: 3,
    });

    const originalModels = await db.artifact.findMany({ where: { projectId, portType: "Model" } });
    const models = await db.artifact.findMany({ where: { projectId: imported.id, portType: "Model" }, include: { producedBy: { include: { run: true } } } });
    expect(models.map((m) => m.contentHash).sort()).toEqual(originalModels.map((m) => m.contentHash).sort());
    for (const model of models) {
      const original = originalModels.find((m) => m.contentHash === model.contentHash)!;
      expect(Buffer.from(await blobs.get(model.storageKey)).equals(Buffer.from(await blobs.get(original.storageKey)))).toBe(true);
      // The run that trained it came along, pinned to the imported dataset version.
      expect(model.producedBy?.run.status).toBe("succeeded");
      expect(JSON.parse(model.producedBy!.run.datasetVersions)).toEqual({
        [`dataset:${dataset.datasetId}`]: { versionId: versions[1]!.id, contentHash: versions[1]!.contentHash },
      });
    }
  });

  it("brings the deployment stopped and without its key; once started with a new key it predicts like the original", async () => {
    const [copy] = await bob.caller.deployment.list({ projectId: imported.id });
    expect(copy).toMatchObject({ name: "Iris", status: "stopped" });
    expect(copy!.slug).not.toBe(deployment.path.split("/").at(-2));
    expect(await db.deploymentKey.count({ where: { deploymentId: copy!.id } })).toBe(0);
    const copyPath = `/api/v1/endpoints/${copy!.slug}/predict`;
    expect((await predict(copyPath, deployment.key)).status).toBe(404);

    const { key } = await bob.caller.deployment.rotateKey({ projectId: imported.id, deploymentId: copy!.id });
    await bob.caller.deployment.setStatus({ projectId: imported.id, deploymentId: copy!.id, status: "active" });
    expect((await predict(copyPath, deployment.key)).status).toBe(401);
    const served = await predict(copyPath, key);
    expect(served.status).toBe(200);
    expect(served.body.predictions).toEqual(originalPredictions);
  });

  it("deploys an imported model afresh, and reruns the imported pipeline on the imported dataset", async () => {
    const { registered, unregistered } = await bob.caller.deployment.models({ projectId: imported.id });
    const artifactId = unregistered[0]?.artifactId ?? registered[0]!.versions[0]!.artifactId;
    const fresh = await bob.caller.deployment.create({ projectId: imported.id, artifactId, name: "Iris again" });
    const served = await predict(fresh.path, fresh.key);
    expect(served.body.predictions).toEqual(originalPredictions);
    const view = await bob.caller.deployment.get({ projectId: imported.id, deploymentId: fresh.id });
    // The split it was fitted on came along, so drift has a training reference.
    expect(Object.keys(JSON.parse((await db.modelVersion.findFirstOrThrow({ where: { deploymentId: view.id } })).trainingProfile) as object)).toHaveLength(4);

    const [pipeline] = await bob.caller.pipeline.list({ projectId: imported.id });
    const { runId } = await bob.caller.run.start({ projectId: imported.id, pipelineId: pipeline!.id, target: "server" });
    await drainQueue(worker);
    expect((await bob.caller.run.get({ projectId: imported.id, runId })).status).toBe("succeeded");
  }, 60_000);

  it('marks the name " (imported)" when the importer already has a project of that name', async () => {
    const response = await importArchive(alice, archive);
    expect(response.status).toBe(201);
    expect(((await response.json()) as { name: string }).name).toBe("Flower shop (imported)");
  });

  it("is refused to the signed-out", async () => {
    const response = await importArchive(null, archive);
    expect(response.status).toBe(401);
  });
});

describe("hostile archives are refused with a 4xx and leave nothing behind", () => {
  let entries: Entry[];
  const manifestOf = () => entries[0]!;
  const blobEntries = () => entries.slice(1);

  beforeAll(async () => {
    entries = await unpackEntries(archive);
  });

  async function expectRefused(body: Uint8Array, status: number, message: RegExp) {
    const before = await db.project.count();
    const pipelinesBefore = await db.pipeline.count();
    const response = await importArchive(bob, body);
    const answer = (await response.json()) as { error: { message: string } };
    expect([response.status, answer.error.message]).toEqual([status, expect.stringMatching(message)]);
    expect(await db.project.count()).toBe(before);
    expect(await db.pipeline.count()).toBe(pipelinesBefore);
  }

  it("a gzip bomb: stops at the unpacked limit", async () => {
    // 64 MiB of zeros is 64 KB of gzip.
    const bomb = await packEntries([{ name: "manifest.json", bytes: new Uint8Array(64 * 1024 * 1024) }]);
    expect(bomb.byteLength).toBeLessThan(200_000);
    await expectRefused(bomb, 413, /unpacks to more than 16 MiB/);
  });

  it("entries that are not regular files", async () => {
    await expectRefused(
      await packEntries([manifestOf(), { name: "blobs/link", bytes: new Uint8Array(), header: { type: "symlink", linkname: "/etc/passwd" } }]),
      400,
      /is a symlink/,
    );
    await expectRefused(await packEntries([{ name: "blobs/", bytes: new Uint8Array(), header: { type: "directory" } }, ...entries]), 400, /is a directory/);
  });

  it("unknown, duplicate and path-like entry names", async () => {
    await expectRefused(await packEntries([...entries, { name: "notes.txt", bytes: Buffer.from("hi") }]), 400, /"notes.txt" is not part of a project archive/);
    await expectRefused(await packEntries([...entries, blobEntries()[0]!]), 400, /holds "blobs\/[0-9a-f]{64}" twice/);
    await expectRefused(await packEntries([manifestOf(), manifestOf()]), 400, /holds "manifest.json" twice/);
    await expectRefused(await packEntries([manifestOf(), { name: "../../etc/cron.d/evil", bytes: Buffer.from("x") }]), 400, /is a path outside the archive/);
    await expectRefused(await packEntries([...blobEntries(), manifestOf()]), 400, /manifest.json must be the archive's first entry/);
  });

  it("a blob whose bytes do not hash to its name", async () => {
    const [first, ...rest] = blobEntries();
    const altered = Buffer.from(first!.bytes);
    altered[0] = altered[0]! ^ 0xff;
    await expectRefused(await packEntries([manifestOf(), { name: first!.name, bytes: altered }, ...rest]), 400, /do not match its name/);
  });

  it("a manifest failing the schema, or naming what is not there", async () => {
    const manifest = JSON.parse(Buffer.from(manifestOf().bytes).toString("utf8")) as {
      pipelines: { versions: { graph: unknown }[] }[];
      runs: { pipelineKey: string }[];
    };
    const withManifest = (value: unknown) => packEntries([{ name: "manifest.json", bytes: Buffer.from(JSON.stringify(value)) }, ...blobEntries()]);
    await expectRefused(
      await withManifest({ ...manifest, pipelines: [{ ...manifest.pipelines[0], versions: [{ graph: "not a graph" }] }] }),
      400,
      /not a valid project manifest/,
    );
    await expectRefused(await withManifest({ ...manifest, formatVersion: 9 }), 400, /format version 9/);
    await expectRefused(
      await withManifest({ ...manifest, runs: manifest.runs.map((r) => ({ ...r, pipelineKey: "elsewhere" })) }),
      400,
      /names pipeline "elsewhere"/,
    );
    await expectRefused(await packEntries([{ name: "manifest.json", bytes: Buffer.from("[".repeat(5000)) }]), 400, /nests deeper/);
    await expectRefused(await packEntries([{ name: "manifest.json", bytes: Buffer.from("{not json") }]), 400, /not valid JSON/);
  });

  it("an artifact that is not what it claims: a forged model, a value off its content hash", async () => {
    const manifest = JSON.parse(Buffer.from(manifestOf().bytes).toString("utf8")) as {
      artifacts: { portType: string; blob: string; bytes: number; contentHash: string }[];
    };
    const model = manifest.artifacts.find((a) => a.portType === "Model")!;
    const stored = JSON.parse(Buffer.from(blobEntries().find((e) => e.name === `blobs/${model.blob}`)!.bytes).toString("utf8")) as Record<string, unknown>;
    const withModelBytes = (bytes: Buffer, contentHash = model.contentHash) => {
      const blob = createHash("sha256").update(bytes).digest("hex");
      const forged = { ...manifest, artifacts: manifest.artifacts.map((a) => (a === model ? { ...a, blob, bytes: bytes.byteLength, contentHash } : a)) };
      const others = blobEntries().filter((e) => e.name !== `blobs/${model.blob}` || manifest.artifacts.some((a) => a !== model && a.blob === model.blob));
      return packEntries([{ name: "manifest.json", bytes: Buffer.from(JSON.stringify(forged)) }, ...others, { name: `blobs/${blob}`, bytes }]);
    };
    await expectRefused(await withModelBytes(Buffer.from("{not json")), 422, /is not a value this server can read/);
    await expectRefused(await withModelBytes(Buffer.from(JSON.stringify({ ...stored, target: "petal colour" }))), 422, /does not match its content hash/);
    await expectRefused(
      await withModelBytes(Buffer.from(JSON.stringify({ task: "classification" })), hashArtifactValue({ task: "classification" })),
      422,
      /is not a usable model/,
    );
  });

  it("a dataset file an upload would refuse (here 2,001 columns), whatever the manifest says of it", async () => {
    const manifest = JSON.parse(Buffer.from(manifestOf().bytes).toString("utf8")) as { datasets: { versions: { contentHash: string; bytes: number }[] }[] };
    const header = Array.from({ length: 2001 }, (_, i) => `c${i}`).join(",");
    const wide = Buffer.from(`${header}\n${header.replace(/c\d+/g, "1")}\n`);
    const contentHash = createHash("sha256").update(wide).digest("hex");
    const [first, ...rest] = manifest.datasets[0]!.versions;
    const forged = { ...manifest, datasets: [{ ...manifest.datasets[0], versions: [{ ...first, contentHash, bytes: wide.byteLength }, ...rest] }] };
    const others = blobEntries().filter((e) => e.name !== `blobs/${first!.contentHash}`);
    const body = await packEntries([
      { name: "manifest.json", bytes: Buffer.from(JSON.stringify(forged)) },
      ...others,
      { name: `blobs/${contentHash}`, bytes: wide },
    ]);
    await expectRefused(body, 422, /Version 1 of dataset "flowers": iris.csv: The file has more than 2,000 columns/);
  });

  it("references to blobs that are missing", async () => {
    await expectRefused(await packEntries([manifestOf(), ...blobEntries().slice(1)]), 400, /missing 1 file\(s\) its manifest names/);
  });

  it("an upload over the size limit", async () => {
    await expectRefused(new Uint8Array(5 * 1024 * 1024), 413, /larger than the limit of 4 MiB/);
  });

  it("a truncated stream, or not an archive at all", async () => {
    await expectRefused(archive.subarray(0, Math.floor(archive.byteLength / 2)), 400, /damaged, cut short/);
    await expectRefused(Buffer.from("hello, not gzip"), 400, /damaged, cut short/);
    await expectRefused(gzipSync(Buffer.from("plain text in gzip, not a tar")), 400, /damaged, cut short|no manifest/);
  });
});
