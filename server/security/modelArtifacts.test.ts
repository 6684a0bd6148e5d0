import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { irisGraph, saveGraph } = await import("../testing/runFixtures");
const { serveHandler } = await import("../testing/serveHandler");
const { handleArtifactUpload } = await import("../runs/artifactUploadHandler");
const { handleTrpcRequest } = await import("../api/trpcHttpHandler");
const { defaultBlobStore } = await import("../artifacts/defaultStore");
const { serializeArtifact } = await import("../artifacts/artifactSerialization");
const { projectDatasets } = await import("../datasets/projectDatasets");
const { runSpec } = await import("@/pipeline/runtime/runSpec");
const { encodeArtifactValue } = await import("@/pipeline/runtime/artifactCodec");
const { hashArtifactValue } = await import("@/pipeline/runtime/artifactHash");
const { decodeInt32, encodeTypedArray } = await import("@/pipeline/ml/models/typed-array-codec");
type ModelArtifact = import("@/pipeline/spec/portValues").ModelArtifact;
type RunResult = import("@/pipeline/runtime/runSpec").RunResult;

let owner: Awaited<ReturnType<typeof signedUpCaller>>;
let projectId: string;
let runId: string;
let result: RunResult;
let http: Awaited<ReturnType<typeof serveHandler>>;

beforeAll(async () => {
  owner = await signedUpCaller("models@example.com");
  projectId = (await owner.caller.project.create({ name: "Models" })).id;
  const { pipelineId } = await saveGraph(owner.caller, projectId, irisGraph());
  const started = await owner.caller.run.start({ projectId, pipelineId, target: "browser" });
  runId = started.runId;
  // What the browser's worker computes; the uploads below are what a hostile browser could send instead.
  result = await runSpec(started.spec, { datasets: projectDatasets({ db, blobs: defaultBlobStore(), projectId }) });
  expect(result.status).toBe("succeeded");
  http = await serveHandler((req, url) => {
    if (url.pathname.startsWith("/api/trpc/")) return handleTrpcRequest(req);
    const upload = url.pathname.match(/^\/api\/runs\/([^/]+)\/artifacts$/);
    if (upload) return handleArtifactUpload(req, upload[1]!);
    return Promise.resolve(new Response("not found", { status: 404 }));
  });
});

afterAll(() => http.close());

const headers = () => ({ authorization: `Bearer ${owner.token}`, "content-type": "application/json" });

function trainedModel(): ModelArtifact {
  return structuredClone(result.artifacts["model"]!["model"]!.value as ModelArtifact);
}

/** Rewrites one Int32 array of the first tree of a gradient-boosting artifact. */
function withFirstTree(artifact: ModelArtifact, field: "left" | "feature", change: (values: Int32Array) => void): ModelArtifact {
  const trees = (artifact.model as { state: { trees: Record<"left" | "feature", string>[] } }).state.trees;
  const values = decodeInt32(trees[0]![field]);
  change(values);
  trees[0]![field] = encodeTypedArray(values);
  return artifact;
}

const cyclicTree = () => withFirstTree(trainedModel(), "left", (left) => (left[0] = 0));
const featureOutOfRange = () => withFirstTree(trainedModel(), "feature", (feature) => (feature[0] = 4));

function uploadModel(model: ModelArtifact) {
  const step = result.steps.find((s) => s.nodeId === "model")!;
  const outputs = { model: { type: "Model", hash: hashArtifactValue(model), value: encodeArtifactValue(model) } };
  return fetch(`${http.url}/api/runs/${runId}/artifacts`, { method: "POST", headers: headers(), body: JSON.stringify({ ...step, outputs }) });
}

async function deploy(artifactId: string) {
  const answer = await fetch(`${http.url}/api/trpc/deployment.create`, {
    method: "POST",
    headers: headers(),
    body: JSON.stringify({ json: { projectId, artifactId } }),
  });
  return { status: answer.status, body: (await answer.json()) as { error?: { json: { message: string } } } };
}

describe("model artifacts are checked on upload and on deploy, never first at predict time", () => {
  it("refuses a browser upload of a tree that loops back to its root with 422 and the reason", async () => {
    const answer = await uploadModel(cyclicTree());
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toBe(
      'Output "model" is not a usable model: Tree 1 of the gradient boosting model: node 0\'s left child is node 0, which does not come after it (a cycle or a dangling link)',
    );
  });

  it("refuses a browser upload of a tree that reads a feature the model does not have", async () => {
    const answer = await uploadModel(featureOutOfRange());
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(
      /Tree 1 of the gradient boosting model: node 0 reads feature 4, but the model has 4 features \(0–3\)$/,
    );
    expect(await db.artifact.count({ where: { projectId, portType: "Model" } })).toBe(0);
  });

  it("refuses to deploy a corrupt model that reached storage directly, with 422 and the reason, and deploys the real one", async () => {
    const blobs = defaultBlobStore();
    for (const [name, corrupt] of [
      ["cyclic", cyclicTree()],
      ["out of range", featureOutOfRange()],
    ] as const) {
      const stored = await blobs.put(serializeArtifact(corrupt));
      const artifact = await db.artifact.create({
        data: {
          projectId,
          portType: "Model",
          contentHash: stored.sha256,
          storageKey: stored.key,
          bytes: stored.bytes,
          nodeId: "model",
          port: "model",
          fingerprint: `planted ${name}`,
        },
      });
      const refused = await deploy(artifact.id);
      expect(refused.status, name).toBe(422);
      expect(refused.body.error!.json.message).toMatch(
        /^This model cannot be deployed: Tree 1 of the gradient boosting model: node 0(?:'s left child| reads feature 4)/,
      );
    }
    expect(await db.deployment.count({ where: { projectId } })).toBe(0);

    expect((await uploadModel(trainedModel())).status).toBe(201);
    const real = await db.artifact.findFirstOrThrow({ where: { projectId, portType: "Model", fingerprint: { not: { startsWith: "planted" } } } });
    expect((await deploy(real.id)).status).toBe(200);
  });
});
