import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { appRouter } = await import("./root");
const { callerWithHeaders, signedUpCaller } = await import("../testing/callers");
type Caller = Awaited<ReturnType<typeof callerWithHeaders>>;
type Access = import("./trpc").Access;

interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
  access: Access | undefined;
}

const procedures: ProcedureInfo[] = Object.entries(appRouter._def.procedures).map(([path, procedure]) => {
  const def = (procedure as unknown as { _def: { type: ProcedureInfo["type"]; meta?: { access?: Access } } })._def;
  return { path, type: def.type, access: def.meta?.access };
});

function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : `non-trpc error: ${String(error)}`;
  }
}

let projectId: string;
let anonymous: Caller;
let badToken: Caller;
let owner: Caller;
let viewer: Caller;
let stranger: Caller;

beforeAll(async () => {
  anonymous = await callerWithHeaders({});
  badToken = await callerWithHeaders({ authorization: "Bearer vjr_notARealTokenAtAll" });
  owner = (await signedUpCaller("owner@example.com")).caller;
  viewer = (await signedUpCaller("viewer@example.com")).caller;
  stranger = (await signedUpCaller("stranger@example.com")).caller;
  projectId = (await owner.project.create({ name: "Secret project" })).id;
  const link = await owner.shareLink.create({ projectId, role: "viewer" });
  await viewer.shareLink.accept({ token: link.token });
});

describe("every tRPC procedure enforces its declared access", () => {
  it("has procedures to check, each declaring who may call it", () => {
    expect(procedures.length).toBeGreaterThan(10);
    for (const p of procedures) expect(p.access, `${p.path} declares no access`).toBeDefined();
  });

  it("refuses unauthenticated callers and unknown tokens on every non-public procedure", async () => {
    for (const p of procedures.filter((p) => p.access?.scope !== "public")) {
      expect(await errorCode(call(anonymous, p.path, { projectId })), p.path).toBe("UNAUTHORIZED");
      expect(await errorCode(call(badToken, p.path, { projectId })), p.path).toBe("UNAUTHORIZED");
    }
  });

  it("hides projects from non-members on every project-scoped procedure", async () => {
    for (const p of procedures.filter((p) => p.access?.scope === "project")) {
      expect(["NOT_FOUND", "FORBIDDEN"], p.path).toContain(await errorCode(call(stranger, p.path, { projectId })));
    }
  });

  it("refuses a viewer every project mutation and every procedure above viewer", async () => {
    const guarded = procedures.filter((p) => p.access?.scope === "project" && (p.type === "mutation" || p.access.role !== "viewer"));
    expect(guarded.length).toBeGreaterThan(3);
    for (const p of guarded) {
      expect(await errorCode(call(viewer, p.path, { projectId })), p.path).toBe("FORBIDDEN");
    }
  });

  it("lets members through where their role allows", async () => {
    expect(await errorCode(viewer.project.get({ projectId }))).toBe("OK");
    expect(await errorCode(owner.project.update({ projectId, name: "Renamed" }))).toBe("OK");
    expect((await viewer.project.get({ projectId })).name).toBe("Renamed");
  });
});

describe("REST routes of batch predictions and downloads check the caller's project role", () => {
  it("answers 401 signed out, 404 to non-members, 403 to a viewer who would write, and lets a viewer read", async () => {
    const { serveHandler } = await import("../testing/serveHandler");
    const { handleBatchUpload } = await import("../batchPredictions/batchUploadHandler");
    const { handleBatchDownload } = await import("../batchPredictions/batchDownloadHandler");
    const { handleModelBundleDownload } = await import("../downloads/modelBundleHandler");
    const { handleTableCsvDownload } = await import("../downloads/tableCsvHandler");
    const restOwner = await signedUpCaller("rest-owner@example.com");
    const restViewer = await signedUpCaller("rest-viewer@example.com");
    const restStranger = await signedUpCaller("rest-stranger@example.com");
    const restProject = (await restOwner.caller.project.create({ name: "REST roles" })).id;
    const link = await restOwner.caller.shareLink.create({ projectId: restProject, role: "viewer" });
    await restViewer.caller.shareLink.accept({ token: link.token });
    // Routed as app/api/projects/[projectId]/... route them.
    const http = await serveHandler((req, url) => {
      const [, , , projectId, section, id, tail] = url.pathname.split("/");
      if (section === "batch-predictions" && id === undefined) return handleBatchUpload(req, projectId!);
      if (section === "batch-predictions" && tail === "download") return handleBatchDownload(req, projectId!, id!);
      if (section === "model-bundle") return handleModelBundleDownload(req, projectId!);
      if (section === "artifacts" && tail === "csv") return handleTableCsvDownload(req, projectId!, id!);
      return Promise.resolve(new Response("not found", { status: 404 }));
    });
    try {
      const base = `${http.url}/api/projects/${restProject}`;
      const reads = [`${base}/batch-predictions/nothing/download`, `${base}/model-bundle?deploymentId=nothing`, `${base}/artifacts/nothing/csv`];
      const upload = (token?: string) => {
        const form = new FormData();
        form.set("deploymentId", "nothing");
        form.set("file", new Blob(["a\n1\n"]), "rows.csv");
        return fetch(`${base}/batch-predictions`, { method: "POST", body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
      };
      const as = (token?: string) => (token ? { headers: { authorization: `Bearer ${token}` } } : {});
      for (const url of reads) {
        expect((await fetch(url, as())).status, url).toBe(401);
        expect((await fetch(url, as(restStranger.token))).status, url).toBe(404);
        // Past the role check, the viewer learns only that the named thing is not there.
        expect((await fetch(url, as(restViewer.token))).status, url).toBe(404);
      }
      expect((await upload()).status).toBe(401);
      expect((await upload(restStranger.token)).status).toBe(404);
      expect((await upload(restViewer.token)).status).toBe(403);
      expect((await upload(restOwner.token)).status).toBe(404);
    } finally {
      await http.close();
    }
  });
});
