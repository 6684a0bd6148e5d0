import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { signedUpCaller } = await import("../testing/callers");
const { serveHandler } = await import("../testing/serveHandler");
const { postChunked } = await import("../testing/chunkedRequest");
const { handleTrpcRequest } = await import("../api/trpcHttpHandler");
const { MAX_TRPC_BODY_BYTES, MAX_TRPC_JSON_DEPTH } = await import("@/contracts/requestLimits");

type Owner = Awaited<ReturnType<typeof signedUpCaller>>;
let owner: Owner;
let projectId: string;
let http: Awaited<ReturnType<typeof serveHandler>>;

beforeAll(async () => {
  owner = await signedUpCaller("limits@example.com");
  projectId = (await owner.caller.project.create({ name: "Limits" })).id;
  http = await serveHandler((req) => handleTrpcRequest(req));
});

afterAll(() => http.close());

const headers = () => ({ authorization: `Bearer ${owner.token}`, "content-type": "application/json" });

/** Stands for a value nested `depth` objects deep; JSON.stringify itself overflows on those. */
const DEEP = "__deep__";
const nestedText = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

/** A superjson-wrapped tRPC mutation body, split in 64 KiB chunks as a streaming client sends it. */
function* chunked(input: unknown, depth = 0): Generator<string> {
  const text = JSON.stringify({ json: input }).replace(`"${DEEP}"`, nestedText(depth));
  for (let i = 0; i < text.length; i += 64 * 1024) yield text.slice(i, i + 64 * 1024);
}

function graphWith(params: Record<string, unknown>) {
  return { nodes: [{ id: "load", kind: "load", params: { dataset: "sample:iris", ...params }, position: { x: 0, y: 0 } }], edges: [] };
}

describe("tRPC body limits hold for chunked requests (no Content-Length)", () => {
  it("still accepts a small chunked request", async () => {
    const { id: pipelineId } = await owner.caller.pipeline.create({ projectId, name: "small" });
    const answer = await postChunked(
      `${http.url}/api/trpc/pipeline.saveDraft`,
      headers(),
      chunked({ projectId, pipelineId, graph: graphWith({}), baseVersionId: null, expectedUpdatedAt: null }),
    );
    expect(answer.status).toBe(200);
    expect((await owner.caller.pipeline.open({ projectId, pipelineId })).draft).not.toBeNull();
  });

  it("refuses a 30 MB pipeline param with 413 while it streams, and stores nothing", async () => {
    const { id: pipelineId } = await owner.caller.pipeline.create({ projectId, name: "huge param" });
    const huge = "x".repeat(30 * 1024 * 1024);
    const answer = await postChunked(
      `${http.url}/api/trpc/pipeline.saveDraft`,
      headers(),
      chunked({ projectId, pipelineId, graph: graphWith({ note: huge }), baseVersionId: null, expectedUpdatedAt: null }),
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: "PAYLOAD_TOO_LARGE", message: "The request body is larger than the limit of 1 MiB." } });
    // Refused within the first few chunks after the limit, not after reading all 30 MB.
    expect(answer.sent).toBeLessThan(MAX_TRPC_BODY_BYTES + 8 * 1024 * 1024);
    expect((await owner.caller.pipeline.open({ projectId, pipelineId })).draft).toBeNull();
  });

  it("refuses a 20 MB notebook with 413 and stores no cell", async () => {
    const { id: notebookId } = await owner.caller.notebook.create({ projectId, name: "big" });
    const cells = Array.from({ length: 100 }, (_, i) => ({ id: `c${i}`, kind: "code", source: "y".repeat(199_000), outputs: [], executionCount: null }));
    const answer = await postChunked(`${http.url}/api/trpc/notebook.save`, headers(), chunked({ projectId, notebookId, order: null, cells, deleted: [] }));
    expect(answer.status).toBe(413);
    const stored = await owner.caller.notebook.get({ projectId, notebookId });
    expect(stored.cells.filter((cell) => cell.source.length > 1000)).toEqual([]);
  });
});

describe("deeply nested input answers 400 with the path, never a stack overflow", () => {
  it("refuses a pipeline param nested 5,000 deep", async () => {
    const { id: pipelineId } = await owner.caller.pipeline.create({ projectId, name: "deep" });
    const answer = await postChunked(
      `${http.url}/api/trpc/pipeline.saveDraft`,
      headers(),
      chunked({ projectId, pipelineId, graph: graphWith({ deep: DEEP }), baseVersionId: null, expectedUpdatedAt: null }, 5000),
    );
    expect(answer.status).toBe(400);
    const { error } = JSON.parse(answer.body) as { error: { code: string; message: string } };
    expect(error.code).toBe("JSON_TOO_DEEP");
    expect(error.message).toContain(`deeper than ${MAX_TRPC_JSON_DEPTH} levels at graph.nodes.0.params.deep.a.a.`);
    expect(error.message).not.toMatch(/call stack|at .*\.ts/);
    expect((await owner.caller.pipeline.open({ projectId, pipelineId })).draft).toBeNull();
  });

  it("refuses deep input in a batched call and in a query's URL", async () => {
    const { id: pipelineId } = await owner.caller.pipeline.create({ projectId, name: "deep batch" });
    const batch = JSON.stringify({ 0: { json: { projectId, pipelineId, graph: graphWith({ deep: DEEP }), baseVersionId: null } } }).replace(
      `"${DEEP}"`,
      nestedText(5000),
    );
    const batched = await postChunked(`${http.url}/api/trpc/pipeline.saveDraft?batch=1`, headers(), [batch]);
    expect(batched.status).toBe(400);
    expect(batched.body).toContain("at graph.nodes.0.params.deep.a");

    const input = encodeURIComponent(
      JSON.stringify({ json: { projectId, nodes: [{ id: "n", kind: "load", params: { deep: DEEP } }] } }).replace(`"${DEEP}"`, nestedText(500)),
    );
    const query = await fetch(`${http.url}/api/trpc/dataset.schemas?input=${input}`, { headers: headers() });
    expect(query.status).toBe(400);
    expect(await query.text()).toContain("at nodes.0.params.deep.a");
  });

  it("accepts input nested well within the limit", async () => {
    const { id: pipelineId } = await owner.caller.pipeline.create({ projectId, name: "shallow" });
    const answer = await postChunked(
      `${http.url}/api/trpc/pipeline.saveDraft`,
      headers(),
      chunked({ projectId, pipelineId, graph: graphWith({ deep: DEEP }), baseVersionId: null, expectedUpdatedAt: null }, 20),
    );
    expect(answer.status).toBe(200);
  });
});
