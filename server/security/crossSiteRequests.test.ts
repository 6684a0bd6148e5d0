import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signUp } = await import("../auth/accounts");
const { BrowserClient, serveApp } = await import("../testing/httpApp");

let http: Awaited<ReturnType<typeof serveApp>>;
let victim: InstanceType<typeof BrowserClient>;
let projectId: string;
let token: string;

const CROSS_SITE = /came from another site and was refused/;

/** What a page on another site can make the victim's browser send, cookie attached. */
const fromEvilSite = { origin: "http://evil.example", "sec-fetch-site": "cross-site" };

beforeAll(async () => {
  http = await serveApp();
  await signUp(db, { email: "victim@example.com", password: "analytical engine" });
  victim = new BrowserClient(http.url);
  expect((await victim.signIn("victim@example.com", "analytical engine")).status).toBe(200);
  const projects = await victim.trpc("project.list", "query");
  projectId = (projects.body.result?.data?.json as { id: string }[])[0]!.id;
  token = ((await victim.trpc("apiToken.create", "mutation", { name: "script" })).body.result?.data?.json as { token: string }).token;
});

afterAll(() => http.close());

async function datasetCount() {
  return db.dataset.count({ where: { projectId } });
}

describe("cookie-authenticated requests that change state must come from this site", () => {
  it("refuses a cross-site text/plain dataset upload carrying the session cookie, and accepts it from the app's own origin", async () => {
    const before = await datasetCount();
    let rows = 0;
    const upload = (headers: Record<string, string>) =>
      victim.fetch(
        `/api/projects/${projectId}/datasets?name=planted&fileName=planted.csv`,
        { method: "POST", headers: { "content-type": "text/plain", ...headers }, body: `x,y\n${++rows},2\n` },
        { sameOrigin: false },
      );
    const refusedHeaders: Record<string, string>[] = [
      fromEvilSite,
      { origin: "http://evil.example" },
      { "sec-fetch-site": "same-site", origin: http.url.replace("127.0.0.1", "localhost") },
      { origin: "null" },
      {}, // neither header: not a browser on this site, and no API token either
    ];
    for (const headers of refusedHeaders) {
      const refused = await upload(headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(CROSS_SITE);
    }
    expect(await datasetCount()).toBe(before);

    expect((await upload({ origin: http.url })).status).toBe(201);
    expect((await upload({ "sec-fetch-site": "same-origin" })).status).toBe(201);
    expect(await datasetCount()).toBe(before + 1);
  });

  it("refuses a cross-site tRPC mutation with the cookie, allows it same-origin, and leaves queries alone", async () => {
    const refused = await victim.trpc("project.create", "mutation", { name: "Planted" }, { headers: fromEvilSite }, { sameOrigin: false });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.json?.message).toMatch(CROSS_SITE);
    const noOrigin = await victim.trpc("project.create", "mutation", { name: "Planted" }, {}, { sameOrigin: false });
    expect(noOrigin.status).toBe(403);
    expect(await db.project.count({ where: { name: "Planted" } })).toBe(0);

    expect((await victim.trpc("project.create", "mutation", { name: "Mine" })).status).toBe(200);
    expect(
      (await victim.trpc("project.create", "mutation", { name: "Mine too" }, { headers: { "sec-fetch-site": "same-origin" } }, { sameOrigin: false })).status,
    ).toBe(200);
    expect((await victim.trpc("project.list", "query", undefined, { headers: fromEvilSite }, { sameOrigin: false })).status).toBe(200);
  });

  it("refuses a cross-site browser-run artifact upload with the cookie", async () => {
    const pipelines = await victim.trpc("pipeline.list", "query", { projectId });
    const pipelineId = (pipelines.body.result?.data?.json as { id: string }[])[0]!.id;
    const run = await victim.trpc("run.start", "mutation", { projectId, pipelineId, target: "browser" });
    const runId = (run.body.result?.data?.json as { runId: string }).runId;
    const post = (headers: Record<string, string>) =>
      victim.fetch(
        `/api/runs/${runId}/artifacts`,
        { method: "POST", headers: { "content-type": "text/plain", ...headers }, body: "{}" },
        { sameOrigin: false },
      );
    expect((await post(fromEvilSite)).status).toBe(403);
    // Same origin gets past the guard to the body check (an empty upload is not a step).
    expect((await post({ origin: http.url })).status).toBe(422);
  });

  it("exempts API tokens, which another site cannot attach", async () => {
    const response = await fetch(`${http.url}/api/projects/${projectId}/datasets?name=scripted&fileName=s.csv`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/plain", ...fromEvilSite },
      body: "x,y\n1,2\n",
    });
    expect(response.status).toBe(201);
    const viaTrpc = await fetch(`${http.url}/api/trpc/project.create`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ json: { name: "From a script" } }),
    });
    expect(viaTrpc.status).toBe(200);
  });
});

describe("API tokens are minted from a signed-in session only", () => {
  it("refuses a token minting another token, and a revoked token stops working with nothing left behind", async () => {
    const minted = await fetch(`${http.url}/api/trpc/apiToken.create`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ json: { name: "child" } }),
    });
    expect(minted.status).toBe(403);
    expect(((await minted.json()) as { error: { json: { message: string } } }).error.json.message).toBe(
      "API tokens can be created only while signed in to Vajra, not with an API token.",
    );
    expect(await db.apiToken.count({ where: { name: "child" } })).toBe(0);

    // Nor can a token lock its owner out: changing the password and ending sessions need a browser session.
    for (const [procedure, input] of [
      ["account.changePassword", { currentPassword: "anything at all", newPassword: "a brand new long passphrase" }],
      ["account.signOutEverywhere", null],
    ] as const) {
      const response = await fetch(`${http.url}/api/trpc/${procedure}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ json: input }),
      });
      expect(response.status).toBe(403);
    }

    const tokens = await victim.trpc("apiToken.list", "query");
    const tokenId = (tokens.body.result?.data?.json as { id: string; name: string }[]).find((t) => t.name === "script")!.id;
    expect((await victim.trpc("apiToken.revoke", "mutation", { tokenId })).status).toBe(200);
    const afterRevoke = await fetch(`${http.url}/api/trpc/project.list?input=${encodeURIComponent(JSON.stringify({ json: null }))}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(afterRevoke.status).toBe(401);
  });
});
