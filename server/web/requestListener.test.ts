import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { defaultBlobStore } = await import("../artifacts/defaultStore");
const { createServingDeps } = await import("../deployments/predictHandler");
const { signedUpCaller } = await import("../testing/callers");
const { IRIS_ROWS, trainModel } = await import("../testing/runFixtures");
const { testWorker } = await import("../testing/testWorker");
const { API_CSP, SECURITY_HEADERS } = await import("../http/securityHeaders.mjs");
const { webRequestListener } = await import("./requestListener");

/** What reached the handler `npm start` gives Next.js: method and path. */
const handedOn: string[] = [];
async function rest(incoming: IncomingMessage, outgoing: ServerResponse) {
  handedOn.push(`${incoming.method} ${incoming.url}`);
  outgoing.writeHead(418).end();
}
const server = createServer(webRequestListener(rest, createServingDeps(db, defaultBlobStore())));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
let deployment: { path: string; key: string };

beforeAll(async () => {
  const { caller } = await signedUpCaller("web@example.com");
  const projectId = (await caller.project.list())[0]!.id;
  const pipelineId = (await caller.pipeline.list({ projectId }))[0]!.id;
  const { artifactId } = await trainModel(caller, await testWorker("web-listener-test"), projectId, pipelineId);
  deployment = await caller.deployment.create({ projectId, artifactId });
}, 60_000);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (path: string, key = deployment.key) =>
  fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ instances: IRIS_ROWS }),
  });

describe("the web process's request listener", () => {
  it("answers predict calls itself, with the headers next.config.js gives every API response", async () => {
    handedOn.length = 0;
    const response = await post(`${deployment.path}?trace=1`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { predictions: { label: string }[]; model: { version: number } };
    expect(body.predictions.map((p) => p.label)).toEqual(["setosa", "versicolor", "virginica"]);
    for (const { key, value } of SECURITY_HEADERS) expect(response.headers.get(key)).toBe(value);
    expect(response.headers.get("content-security-policy")).toBe(API_CSP);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    // Refusals come from the same handler, with the same headers.
    const refused = await post(deployment.path, "vjd_wrong");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-security-policy")).toBe(API_CSP);
    expect(handedOn).toEqual([]);
  });

  it("decodes the slug as Next.js would and hands on everything that is not a predict call", async () => {
    handedOn.length = 0;
    const unknown = await post("/api/v1/endpoints/no%20such/predict");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe('No active endpoint "no such".');
    for (const path of [`${deployment.path}/`, "/api/v1/endpoints/%E0%A4%A/predict", "/api/v1/endpoints/a/b/predict", "/signin"]) {
      expect((await post(path)).status).toBe(418);
    }
    expect((await fetch(`${base}${deployment.path}`)).status).toBe(418);
    expect(handedOn).toEqual([
      `POST ${deployment.path}/`,
      "POST /api/v1/endpoints/%E0%A4%A/predict",
      "POST /api/v1/endpoints/a/b/predict",
      "POST /signin",
      `GET ${deployment.path}`,
    ]);
  });
});
