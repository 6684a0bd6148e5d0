import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { irisGraph, saveGraph } = await import("../testing/runFixtures");
const { serveHandler } = await import("../testing/serveHandler");
const { handleArtifactUpload, MAX_ARTIFACT_UPLOAD_BYTES } = await import("./artifactUploadHandler");
const { handleDatasetUpload } = await import("../datasets/datasetUploadHandler");
const { defaultBlobStore } = await import("../artifacts/defaultStore");
const { drainQueue, testWorker } = await import("../testing/testWorker");
const { projectDatasets } = await import("../datasets/projectDatasets");
const { runSpec } = await import("@/pipeline/runtime/runSpec");
const { encodeArtifactValue } = await import("@/pipeline/runtime/artifactCodec");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];
type RunEvent = import("@/pipeline/runtime/events").RunEvent;

let alice: Caller;
let aliceToken: string;
let viewerToken: string;
let serverProject: string;
let browserProject: string;
let http: Awaited<ReturnType<typeof serveHandler>>;

beforeAll(async () => {
  const signedUp = await signedUpCaller("browser@example.com");
  alice = signedUp.caller;
  aliceToken = signedUp.token;
  const viewer = await signedUpCaller("viewer@example.com");
  viewerToken = viewer.token;
  serverProject = (await alice.project.create({ name: "Server side" })).id;
  browserProject = (await alice.project.create({ name: "Browser side" })).id;
  const link = await alice.shareLink.create({ projectId: browserProject, role: "viewer" });
  await viewer.caller.shareLink.accept({ token: link.token });
  // The two route handlers, routed as app/api/... routes them.
  http = await serveHandler((req, url) => {
    const runMatch = url.pathname.match(/^\/api\/runs\/([^/]+)\/artifacts$/);
    if (runMatch) return handleArtifactUpload(req, runMatch[1]!);
    const datasetMatch = url.pathname.match(/^\/api\/projects\/([^/]+)\/datasets$/);
    if (datasetMatch) return handleDatasetUpload(req, datasetMatch[1]!);
    return Promise.resolve(new Response("not found", { status: 404 }));
  });
});

afterAll(() => http.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function lineageOfEvaluate(projectId: string, runId: string) {
  const run = await alice.run.get({ projectId, runId });
  const artifactId = run.steps.find((s) => s.nodeId === "evaluate")!.artifacts[0]!.id;
  const lineage = await alice.artifact.lineage({ projectId, artifactId });
  // What must not depend on which side ran: content, fingerprints, node params, datasets and edges (ids differ).
  const idToNode = new Map([[lineage.artifact.id, lineage.artifact.nodeId], ...lineage.upstream.map((u) => [u.id, u.nodeId] as const)]);
  const shape = (a: {
    nodeId: string;
    port: string;
    portType: string;
    contentHash: string;
    fingerprint: string;
    inputs: { port: string; artifactId: string }[];
  }) => ({
    nodeId: a.nodeId,
    port: a.port,
    portType: a.portType,
    contentHash: a.contentHash,
    fingerprint: a.fingerprint,
    inputs: a.inputs.map((i) => `${i.port}<-${idToNode.get(i.artifactId)}`).sort(),
  });
  return {
    artifact: shape(lineage.artifact),
    upstream: lineage.upstream.map(shape).sort((x, y) => x.nodeId.localeCompare(y.nodeId)),
    node: lineage.node,
    datasets: lineage.datasets,
    step: { nodeId: lineage.step?.nodeId, kind: lineage.step?.kind, fingerprint: lineage.step?.fingerprint },
  };
}

describe("browser runs", () => {
  it("record the same lineage through event reports and artifact uploads as a server run", async () => {
    const graph = irisGraph();
    const onServer = await saveGraph(alice, serverProject, graph);
    const serverRun = await alice.run.start({ projectId: serverProject, pipelineId: onServer.pipelineId, target: "server" });
    await drainQueue(await testWorker("w"));

    const inBrowser = await saveGraph(alice, browserProject, graph);
    const started = await alice.run.start({ projectId: browserProject, pipelineId: inBrowser.pipelineId, target: "browser" });
    expect(started.status).toBe("running");
    // What the browser's Web Worker does: run the spec it was given, then report.
    const events: RunEvent[] = [];
    const datasetHashes: Record<string, string> = {};
    const result = await runSpec(started.spec, {
      datasets: projectDatasets({ db, blobs: defaultBlobStore(), projectId: browserProject, onResolved: (ref, hash) => (datasetHashes[ref] = hash) }),
      onEvent: (event) => events.push(event),
    });
    expect(result.status).toBe("succeeded");
    expect(await alice.run.reportEvents({ projectId: browserProject, runId: started.runId, events })).toEqual({ lastSeq: events.length - 1 });
    for (const step of result.steps) {
      const outputs = Object.fromEntries(
        Object.entries(result.artifacts[step.nodeId]!).map(([port, a]) => [port, { type: a.type, hash: a.hash, value: encodeArtifactValue(a.value) }]),
      );
      const response = await fetch(`${http.url}/api/runs/${started.runId}/artifacts`, {
        method: "POST",
        headers: { ...bearer(aliceToken), "content-type": "application/json" },
        body: JSON.stringify({ ...step, outputs }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
    }
    await alice.run.finishBrowserRun({
      projectId: browserProject,
      runId: started.runId,
      status: "succeeded",
      steps: result.steps.map((s) => ({ nodeId: s.nodeId, kind: s.kind, fingerprint: s.fingerprint, cached: s.cached, durationMs: s.durationMs })),
      datasets: datasetHashes,
      backend: "webgpu",
    });

    const browserRun = await alice.run.get({ projectId: browserProject, runId: started.runId });
    expect(browserRun).toMatchObject({ status: "succeeded", target: "browser", backend: "webgpu" });
    expect((await alice.run.events({ projectId: browserProject, runId: started.runId })).events).toHaveLength(events.length);
    const fromBrowser = await lineageOfEvaluate(browserProject, started.runId);
    const fromServer = await lineageOfEvaluate(serverProject, serverRun.runId);
    expect(fromBrowser.upstream).toHaveLength(3);
    expect(fromBrowser).toEqual(fromServer);
  });

  it("refuses uploads from non-editors, to finished runs, with a wrong hash, or over the size limit", async () => {
    const { pipelineId } = await saveGraph(alice, browserProject, irisGraph());
    const { runId } = await alice.run.start({ projectId: browserProject, pipelineId, target: "browser" });
    const upload = (headers: Record<string, string>, body: unknown) =>
      fetch(`${http.url}/api/runs/${runId}/artifacts`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
    const step = { nodeId: "load", kind: "load", fingerprint: "f".repeat(64), cached: false, durationMs: 1 };
    expect((await upload({}, step)).status).toBe(401);
    expect((await upload(bearer(viewerToken), step)).status).toBe(403);
    const wrongHash = await upload(bearer(aliceToken), {
      ...step,
      outputs: { table: { type: "Table", hash: "0".repeat(64), value: { rowCount: 0, columns: [] } } },
    });
    expect(wrongHash.status).toBe(422);
    expect(await wrongHash.json()).toMatchObject({ error: { message: expect.stringMatching(/content hash/) } });

    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${http.url}/api/runs/${runId}/artifacts`, {
        method: "POST",
        headers: { ...bearer(aliceToken), "content-type": "application/json", "content-length": String(MAX_ARTIFACT_UPLOAD_BYTES + 1) },
      });
      req.on("response", (res) => resolve(res.statusCode ?? 0)).on("error", reject);
      req.write("{");
    });
    expect(status).toBe(413);

    await alice.run.cancel({ projectId: browserProject, runId });
    expect((await upload(bearer(aliceToken), { ...step, outputs: {} })).status).toBe(409);
  });

  it("uploads a dataset file over HTTP as a new version", async () => {
    const csv = "a,b,label\n" + Array.from({ length: 30 }, (_, i) => `${i},${i % 4},${i % 2 ? "x" : "y"}`).join("\n");
    const post = (token: string, body: string) =>
      fetch(`${http.url}/api/projects/${browserProject}/datasets?name=numbers&fileName=numbers.csv`, { method: "POST", headers: bearer(token), body });
    expect((await post(viewerToken, csv)).status).toBe(403);
    const first = await post(aliceToken, csv);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ created: true, version: { number: 1, rowCount: 30, format: "csv" } });
    const form = new FormData();
    form.set("name", "numbers");
    form.set("file", new Blob([csv + "\n99,1,x"]), "numbers.csv");
    const second = await fetch(`${http.url}/api/projects/${browserProject}/datasets`, { method: "POST", headers: bearer(aliceToken), body: form });
    expect(await second.json()).toMatchObject({ created: true, version: { number: 2, rowCount: 31 } });
    expect((await post(aliceToken, "")).status).toBe(422);
  });
});
