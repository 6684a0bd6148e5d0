import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

const { dataDir } = await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { serveHandler } = await import("../testing/serveHandler");
const { handleTrpcRequest } = await import("../api/trpcHttpHandler");
const { handleArtifactDownload } = await import("../notebooks/artifactDownloadHandler");
const { handleDatasetDownload } = await import("../datasets/datasetDownloadHandler");

let owner: Awaited<ReturnType<typeof signedUpCaller>>;
let projectId: string;
let http: Awaited<ReturnType<typeof serveHandler>>;
let logged: MockInstance<typeof console.error>;

/** A blob key whose file was never written: reading it fails inside the blob store with ENOENT and the absolute path. */
const MISSING_BLOB = "ab".repeat(32);

beforeAll(async () => {
  owner = await signedUpCaller("errors@example.com");
  projectId = (await owner.caller.project.create({ name: "Errors" })).id;
  // Routed as app/api routes them: tRPC, an artifact download, a dataset download.
  http = await serveHandler((req, url) => {
    if (url.pathname.startsWith("/api/trpc/")) return handleTrpcRequest(req);
    const artifact = url.pathname.match(/^\/api\/projects\/([^/]+)\/artifacts\/([^/]+)$/);
    if (artifact) return handleArtifactDownload(req, artifact[1]!, artifact[2]!);
    const datasets = url.pathname.match(/^\/api\/projects\/([^/]+)\/datasets$/);
    if (datasets) return handleDatasetDownload(req, datasets[1]!);
    return Promise.resolve(new Response("not found", { status: 404 }));
  });
});

beforeAll(() => {
  logged = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => logged.mockClear());
afterAll(async () => {
  logged.mockRestore();
  await http.close();
});

const bearer = () => ({ authorization: `Bearer ${owner.token}` });

/** Text that must never reach a user: paths, driver names, Prisma's call text, JS faults, stack frames. */
function expectNoInternals(text: string) {
  expect(text).not.toContain(dataDir);
  expect(text).not.toMatch(/ENOENT|postgres|prisma|invocation|Cannot read propert|\n\s+at /i);
}

/** The logged line for this request id, with the error that was withheld. */
function loggedFor(requestId: string): unknown[] {
  const call = logged.mock.calls.find((args) => String(args[0]).includes(requestId));
  expect(call, `a server log line for request ${requestId}`).toBeDefined();
  return call!;
}

async function missingBlobArtifact(): Promise<string> {
  const row = await db.artifact.create({
    data: {
      projectId,
      portType: "Metrics",
      contentHash: MISSING_BLOB,
      storageKey: MISSING_BLOB,
      bytes: 10,
      nodeId: "evaluate",
      port: "metrics",
      fingerprint: `f-${Math.random()}`,
    },
  });
  return row.id;
}

describe("internal failures are withheld from users and logged under the request id the response carries", () => {
  it("tRPC: a blob the store cannot read answers 500 with a request id, and the log names the blob", async () => {
    const artifactId = await missingBlobArtifact();
    const input = encodeURIComponent(JSON.stringify({ json: { projectId, artifactId } }));
    const answer = await fetch(`${http.url}/api/trpc/artifact.preview?input=${input}`, { headers: bearer() });
    expect(answer.status).toBe(500);
    const text = await answer.text();
    expectNoInternals(text);
    const requestId = answer.headers.get("x-request-id")!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const { error } = JSON.parse(text) as { error: { json: { message: string; data: { requestId: string } } } };
    expect(error.json.message).toBe(`Something went wrong on our side (request ${requestId}).`);
    expect(error.json.data.requestId).toBe(requestId);
    expect(String((loggedFor(requestId)[1] as Error).message)).toContain(MISSING_BLOB);
  });

  it("tRPC: a database failure (Prisma's invocation text, PostgreSQL's error) is withheld", async () => {
    await db.$executeRawUnsafe(
      `CREATE FUNCTION "refuse_pipelines"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not open file "base/16384/2619": No such file or directory'; END $$`,
    );
    await db.$executeRawUnsafe(`CREATE TRIGGER "refuse_pipelines" BEFORE INSERT ON "Pipeline" FOR EACH ROW EXECUTE FUNCTION "refuse_pipelines"()`);
    try {
      const answer = await fetch(`${http.url}/api/trpc/pipeline.create`, {
        method: "POST",
        headers: { ...bearer(), "content-type": "application/json" },
        body: JSON.stringify({ json: { projectId, name: "doomed" } }),
      });
      expect(answer.status).toBe(500);
      const text = await answer.text();
      expectNoInternals(text);
      const requestId = answer.headers.get("x-request-id")!;
      expect(text).toContain(`request ${requestId}`);
      // The log keeps what the response withheld: Prisma's call site in our source.
      expect(String(loggedFor(requestId)[1])).toMatch(/pipeline\.create\(\)` invocation/);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER "refuse_pipelines" ON "Pipeline"`);
      await db.$executeRawUnsafe(`DROP FUNCTION "refuse_pipelines"()`);
    }
  });

  it("tRPC: deliberate errors keep their message, and every response carries a request id", async () => {
    const input = encodeURIComponent(JSON.stringify({ json: { projectId, artifactId: "no-such-artifact" } }));
    const answer = await fetch(`${http.url}/api/trpc/artifact.preview?input=${input}`, { headers: bearer() });
    expect(answer.status).toBe(404);
    expect(answer.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await answer.json()) as { error: { json: { message: string } } }).error.json.message).toBe("Artifact not found in this project.");
    expect(logged).not.toHaveBeenCalled();
    const ok = await fetch(`${http.url}/api/trpc/project.list`, { headers: bearer() });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("REST: an unreadable blob answers 500 with the request id in header and body, the blob named only in the log", async () => {
    const artifactId = await missingBlobArtifact();
    const answer = await fetch(`${http.url}/api/projects/${projectId}/artifacts/${artifactId}`, { headers: bearer() });
    expect(answer.status).toBe(500);
    const text = await answer.text();
    expectNoInternals(text);
    const requestId = answer.headers.get("x-request-id")!;
    expect(JSON.parse(text)).toEqual({ error: { code: "INTERNAL", message: `Something went wrong on our side (request ${requestId}).`, requestId } });
    expect(String((loggedFor(requestId)[1] as Error).message)).toContain(MISSING_BLOB);
  });

  it("REST: a dataset version whose file is gone is withheld the same way", async () => {
    const dataset = await db.dataset.create({ data: { projectId, name: "lost" } });
    await db.datasetVersion.create({
      data: {
        datasetId: dataset.id,
        number: 1,
        fileName: "lost.csv",
        format: "csv",
        contentHash: MISSING_BLOB,
        storageKey: MISSING_BLOB,
        bytes: 3,
        rowCount: 1,
        schema: "[]",
        createdById: owner.user.id,
      },
    });
    const answer = await fetch(`${http.url}/api/projects/${projectId}/datasets?id=${dataset.id}`, { headers: bearer() });
    expect(answer.status).toBe(500);
    const text = await answer.text();
    expectNoInternals(text);
    const body = JSON.parse(text) as { error: { requestId: string } };
    expect(body.error.requestId).toBe(answer.headers.get("x-request-id"));
    loggedFor(body.error.requestId);
  });
});
