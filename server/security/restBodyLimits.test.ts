import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { irisGraph, saveGraph } = await import("../testing/runFixtures");
const { serveHandler } = await import("../testing/serveHandler");
const { postChunked, repeatedChunks } = await import("../testing/chunkedRequest");
const { defaultBlobStore } = await import("../artifacts/defaultStore");
const { testWorker, drainQueue } = await import("../testing/testWorker");
const { handleArtifactUpload, MAX_ARTIFACT_JSON_DEPTH } = await import("../runs/artifactUploadHandler");
const { handlePredict, MAX_PREDICT_JSON_DEPTH, createServingDeps } = await import("../deployments/predictHandler");

type Owner = Awaited<ReturnType<typeof signedUpCaller>>;
let owner: Owner;
let projectId: string;
let http: Awaited<ReturnType<typeof serveHandler>>;

const deps = createServingDeps(db, defaultBlobStore());

beforeAll(async () => {
  owner = await signedUpCaller("rest-limits@example.com");
  projectId = (await owner.caller.project.list()).find((p) => p.name.startsWith("Demo"))!.id;
  // Routed as app/api/runs/[runId]/artifacts and app/api/v1/endpoints/[slug]/predict route them.
  http = await serveHandler((req, url) => {
    const run = /^\/api\/runs\/([^/]+)\/artifacts$/.exec(url.pathname);
    if (run) return handleArtifactUpload(req, run[1]!);
    const endpoint = /^\/api\/v1\/endpoints\/([^/]+)\/predict$/.exec(url.pathname);
    if (endpoint) return handlePredict(req, endpoint[1]!, deps);
    return Promise.resolve(new Response("not found", { status: 404 }));
  });
});

afterAll(() => http.close());

const json = () => ({ authorization: `Bearer ${owner.token}`, "content-type": "application/json" });
const deep = (depth: number) => `${"[".repeat(depth)}1${"]".repeat(depth)}`;

describe("browser-run artifact uploads", () => {
  let runId: string;
  beforeAll(async () => {
    const { pipelineId } = await saveGraph(owner.caller, projectId, irisGraph());
    runId = (await owner.caller.run.start({ projectId, pipelineId, target: "browser" })).runId;
  });

  it("refuses a 60 MB chunked upload with 413 once past 50 MB, recording no step", async () => {
    const answer = await postChunked(`${http.url}/api/runs/${runId}/artifacts`, json(), ['{"nodeId":"load","pad":"', ...repeatedChunks(960, 64 * 1024)]);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
    expect(await db.stepRun.count({ where: { runId } })).toBe(0);
  });

  it("refuses JSON nested past the artifact limit with 400 and the path", async () => {
    const body = `{"nodeId":"load","outputs":{"table":{"value":${deep(5000)}}}}`;
    const answer = await postChunked(`${http.url}/api/runs/${runId}/artifacts`, json(), [body]);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: "JSON_TOO_DEEP", message: expect.stringContaining(`deeper than ${MAX_ARTIFACT_JSON_DEPTH} levels at outputs.table.value.0.0.0`) },
    });
    expect(await db.stepRun.count({ where: { runId } })).toBe(0);
  });
});

describe("predict endpoint", () => {
  let path: string;
  let key: string;
  beforeAll(async () => {
    const worker = await testWorker("limits");
    const pipelineId = (await owner.caller.pipeline.list({ projectId }))[0]!.id;
    const started = await owner.caller.run.start({ projectId, pipelineId, target: "server" });
    await drainQueue(worker);
    const run = await owner.caller.run.get({ projectId, runId: started.runId });
    const artifactId = run.steps.find((s) => s.nodeId === "model")!.artifacts.find((a) => a.portType === "Model")!.id;
    const deployment = await owner.caller.deployment.create({ projectId, artifactId, name: "Limits" });
    path = deployment.path;
    key = deployment.key;
  });

  it("refuses a chunked body over the endpoint's limit with 413", async () => {
    const answer = await postChunked(`${http.url}${path}`, { authorization: `Bearer ${key}`, "content-type": "application/json" }, [
      '{"instances":[',
      ...repeatedChunks(40, 64 * 1024, " "),
      "]}",
    ]);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("refuses deeply nested instances with 400 and the path", async () => {
    const answer = await postChunked(`${http.url}${path}`, { authorization: `Bearer ${key}`, "content-type": "application/json" }, [
      `{"instances":[{"features":{"x":${deep(5000)}}}]}`,
    ]);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: "JSON_TOO_DEEP", message: expect.stringContaining(`deeper than ${MAX_PREDICT_JSON_DEPTH} levels at instances.0.features.x.0.0`) },
    });
  });
});
