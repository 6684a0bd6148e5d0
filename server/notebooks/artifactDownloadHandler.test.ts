import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { defaultBlobStore } = await import("../artifacts/defaultStore");
const { signedUpCaller } = await import("../testing/callers");
const { handleArtifactDownload } = await import("./artifactDownloadHandler");

let projectId: string;
let artifactId: string;
let viewerToken: string;
let strangerToken: string;

const get = (token: string | null, artifact = artifactId) =>
  handleArtifactDownload(
    new Request(`http://localhost/api/projects/${projectId}/artifacts/${artifact}`, token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    projectId,
    artifact,
  );

beforeAll(async () => {
  const owner = await signedUpCaller("owner@example.com");
  const viewer = await signedUpCaller("viewer@example.com");
  strangerToken = (await signedUpCaller("stranger@example.com")).token;
  viewerToken = viewer.token;
  projectId = (await owner.caller.project.create({ name: "Artifacts" })).id;
  const link = await owner.caller.shareLink.create({ projectId, role: "viewer" });
  await viewer.caller.shareLink.accept({ token: link.token });
  const blob = await defaultBlobStore().put(new TextEncoder().encode('{"accuracy":0.9}'));
  const artifact = await db.artifact.create({
    data: {
      projectId,
      portType: "Metrics",
      contentHash: blob.sha256,
      storageKey: blob.key,
      bytes: blob.bytes,
      nodeId: "evaluate",
      port: "metrics",
      fingerprint: "f1",
    },
  });
  artifactId = artifact.id;
});

describe("GET /api/projects/:projectId/artifacts/:artifactId", () => {
  it("returns the stored value to a viewer", async () => {
    const response = await get(viewerToken);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-vajra-port-type")).toBe("Metrics");
    expect(await response.json()).toEqual({ accuracy: 0.9 });
  });

  it("refuses anonymous callers and hides the project from non-members", async () => {
    expect((await get(null)).status).toBe(401);
    expect((await get(strangerToken)).status).toBe(404);
  });

  it("answers 404 for an artifact of another project or none", async () => {
    expect((await get(viewerToken, "no-such-artifact")).status).toBe(404);
  });
});
