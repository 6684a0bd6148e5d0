import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { signedUpCaller } = await import("../testing/callers");
const { serveHandler } = await import("../testing/serveHandler");
const { handleDatasetUpload } = await import("./datasetUploadHandler");
const { handleDatasetDownload } = await import("./datasetDownloadHandler");
const { sha256Of } = await import("../artifacts/blobStore");

let ownerToken: string;
let viewerToken: string;
let strangerToken: string;
let projectId: string;
let http: Awaited<ReturnType<typeof serveHandler>>;

beforeAll(async () => {
  const owner = await signedUpCaller("owner@example.com");
  ownerToken = owner.token;
  const viewer = await signedUpCaller("viewer@example.com");
  viewerToken = viewer.token;
  strangerToken = (await signedUpCaller("stranger@example.com")).token;
  projectId = (await owner.caller.project.create({ name: "Downloads" })).id;
  const link = await owner.caller.shareLink.create({ projectId, role: "viewer" });
  await viewer.caller.shareLink.accept({ token: link.token });
  // Routed as app/api/projects/[projectId]/datasets routes POST and GET.
  http = await serveHandler((req, url) => {
    const match = url.pathname.match(/^\/api\/projects\/([^/]+)\/datasets$/);
    if (!match) return Promise.resolve(new Response("not found", { status: 404 }));
    return req.method === "POST" ? handleDatasetUpload(req, match[1]!) : handleDatasetDownload(req, match[1]!);
  });
});

afterAll(() => http.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const datasetsUrl = (query: string) => `${http.url}/api/projects/${projectId}/datasets?${query}`;

async function upload(name: string, fileName: string, text: string) {
  const response = await fetch(datasetsUrl(`name=${encodeURIComponent(name)}&fileName=${encodeURIComponent(fileName)}`), {
    method: "POST",
    headers: bearer(ownerToken),
    body: text,
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { datasetId: string; version: { id: string } };
  return { datasetId: body.datasetId, id: body.version.id };
}

describe("dataset download route", () => {
  it("serves the latest version by id or name, a pinned older version by id, with its file name and content hash", async () => {
    const first = "x,y\n1,a\n2,b\n";
    const second = "x,y\n1,a\n2,b\n3,c\n";
    const v1 = await upload("my table", "table v1.csv", first);
    const v2 = await upload("my table", "table v2.csv", second);
    expect(v2.datasetId).toBe(v1.datasetId);

    for (const query of [`id=${v1.datasetId}`, `name=${encodeURIComponent("my table")}`]) {
      const latest = await fetch(datasetsUrl(query), { headers: bearer(viewerToken) });
      expect(latest.status).toBe(200);
      expect(await latest.text()).toBe(second);
      expect(decodeURIComponent(latest.headers.get("x-vajra-file-name")!)).toBe("table v2.csv");
      expect(latest.headers.get("x-vajra-version-id")).toBe(v2.id);
    }
    const pinned = await fetch(datasetsUrl(`id=${v1.datasetId}&version=${v1.id}`), { headers: bearer(viewerToken) });
    expect(await pinned.text()).toBe(first);
    expect(pinned.headers.get("x-vajra-content-hash")).toBe(sha256Of(new TextEncoder().encode(first)));
  });

  it("serves any version by its id or a Load reference (dataset:<name>[@n]) as an attachment, bytes as uploaded, to viewers only", async () => {
    const first = "a,b\n1,2\n";
    const second = "a,b\n1,2\n3,4\n";
    const v1 = await upload("churn", "churn.csv", first);
    const v2 = await upload("churn", "churn (new).csv", second);
    const byVersion = await fetch(datasetsUrl(`version=${v1.id}`), { headers: bearer(viewerToken) });
    expect(byVersion.status).toBe(200);
    expect(new Uint8Array(await byVersion.arrayBuffer())).toEqual(new TextEncoder().encode(first));
    expect(byVersion.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''churn.csv");
    expect(byVersion.headers.get("cache-control")).toContain("immutable");
    for (const [reference, text, id] of [
      ["dataset:churn", second, v2.id],
      ["dataset:churn@1", first, v1.id],
      ["churn", second, v2.id],
    ] as const) {
      const response = await fetch(datasetsUrl(`reference=${encodeURIComponent(reference)}`), { headers: bearer(viewerToken) });
      expect(await response.text(), reference).toBe(text);
      expect(response.headers.get("x-vajra-version-id")).toBe(id);
    }
    const latest = await fetch(datasetsUrl(`reference=dataset:churn`), { headers: bearer(viewerToken) });
    expect(latest.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''churn%20(new).csv");
    expect((await fetch(datasetsUrl("reference=dataset:churn@5"), { headers: bearer(viewerToken) })).status).toBe(404);
    expect((await fetch(datasetsUrl(`version=${v1.id}`))).status).toBe(401);
    expect((await fetch(datasetsUrl(`version=${v1.id}`), { headers: bearer(strangerToken) })).status).toBe(404);
  });

  it("by name falls back to the bundled sample, so notebook code asks once; a project dataset of that name wins", async () => {
    const sample = await fetch(datasetsUrl("name=iris"), { headers: bearer(viewerToken) });
    expect(sample.status).toBe(200);
    expect(sample.headers.get("x-vajra-dataset-kind")).toBe("sample");
    expect(decodeURIComponent(sample.headers.get("x-vajra-file-name")!)).toBe("iris.csv");
    expect((await sample.text()).split("\n").filter(Boolean)).toHaveLength(151);
    for (const name of ["../package", "nothing-here", "iris.csv"]) {
      expect((await fetch(datasetsUrl(`name=${encodeURIComponent(name)}`), { headers: bearer(viewerToken) })).status).toBe(404);
    }
    expect((await fetch(datasetsUrl("name=iris"))).status).toBe(401);

    await upload("iris", "my iris.csv", "a\n1\n");
    const own = await fetch(datasetsUrl("name=iris"), { headers: bearer(viewerToken) });
    expect(own.headers.get("x-vajra-dataset-kind")).toBeNull();
    expect(await own.text()).toBe("a\n1\n");
  });

  it("answers 401 signed out, 404 to non-members and for unknown datasets, 400 without a dataset", async () => {
    const { datasetId } = await upload("private", "p.csv", "a\n1\n");
    expect((await fetch(datasetsUrl(`id=${datasetId}`))).status).toBe(401);
    const stranger = await fetch(datasetsUrl(`id=${datasetId}`), { headers: bearer(strangerToken) });
    expect(stranger.status).toBe(404);
    expect(await stranger.text()).not.toContain("a\n1");
    expect((await fetch(datasetsUrl("name=nothing-here"), { headers: bearer(ownerToken) })).status).toBe(404);
    expect((await fetch(datasetsUrl(`id=${datasetId}&version=not-a-version`), { headers: bearer(ownerToken) })).status).toBe(404);
    expect((await fetch(datasetsUrl(""), { headers: bearer(ownerToken) })).status).toBe(400);
  });
});
