import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { NextConfig } from "next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { defaultBlobStore } = await import("../artifacts/defaultStore");
const { createServingDeps, handlePredict } = await import("../deployments/predictHandler");
const { sendWebResponse, toWebRequest } = await import("../http/nodeFetch");
const { repeatedChunks } = await import("../testing/chunkedRequest");
// Plain JavaScript without declarations: typed as what it exports.
const { default: nextConfig } = (await import("../../next.config.js" as string)) as { default: NextConfig };
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

/**
 * The Next.js route's side, as `next start` serves it: the route's handler (handlePredict) on a
 * Request, its Response written out with the headers next.config.js gives every /api response.
 */
const configHeaders = (await nextConfig.headers!())
  .filter(({ source }) => source === "/:path*" || source.startsWith("/api/"))
  .flatMap(({ headers }) => headers.map(({ key, value }): [string, string] => [key, value]));
const routeServer = createServer((incoming, outgoing) => {
  const url = new URL(incoming.url!, "http://127.0.0.1");
  const slug = decodeURIComponent(/^\/api\/v1\/endpoints\/([^/]+)\/predict$/.exec(url.pathname)![1]!);
  void handlePredict(toWebRequest(incoming, url), slug, createServingDeps(db, defaultBlobStore())).then((response) =>
    sendWebResponse(response, incoming, outgoing, Object.fromEntries(configHeaders)),
  );
});
await new Promise<void>((resolve) => routeServer.listen(0, "127.0.0.1", resolve));
const routeBase = `http://127.0.0.1:${(routeServer.address() as AddressInfo).port}`;

beforeAll(async () => {
  const { caller } = await signedUpCaller("web@example.com");
  const projectId = (await caller.project.list())[0]!.id;
  const pipelineId = (await caller.pipeline.list({ projectId }))[0]!.id;
  const { artifactId } = await trainModel(caller, await testWorker("web-listener-test"), projectId, pipelineId);
  deployment = await caller.deployment.create({ projectId, artifactId });
}, 60_000);
afterAll(() => Promise.all([server, routeServer].map((s) => new Promise<void>((resolve) => s.close(() => resolve())))));

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

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A POST over node:http on a connection of its own, the body sent with Content-Length or, given
 * chunks, chunked; stops sending once answered (a pooled connection would then carry the next
 * request into the rest of this body).
 */
function rawPost(url: string, headers: Record<string, string>, body: string | Iterable<Uint8Array>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const sized = typeof body === "string";
    const req = request(
      url,
      { method: "POST", agent: false, headers: sized ? { ...headers, "content-length": String(Buffer.byteLength(body)) } : headers },
      (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on("data", (part: Buffer) => parts.push(part));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts).toString("utf8") });
        });
      },
    );
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (sized) return void req.end(body);
    const chunks = body[Symbol.iterator]();
    const pump = () => {
      for (let next = chunks.next(); !answered && !req.destroyed; next = chunks.next()) {
        if (next.done) return void req.end();
        if (!req.write(next.value)) return void req.once("drain", pump);
      }
    };
    pump();
  });
}

/** Headers that say how the bytes travelled (framing, connection) or differ per request by design. */
const TRANSPORT_HEADERS = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding", "x-request-id"]);
const comparable = (headers: IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).filter(([name]) => !TRANSPORT_HEADERS.has(name)));

describe("the node:http predict path against the Next.js route", () => {
  const json = { "content-type": "application/json" };
  const calls: { name: string; path?: string; headers?: Record<string, string>; body: () => string | Iterable<Uint8Array>; status: number }[] = [
    { name: "a prediction", body: () => JSON.stringify({ instances: IRIS_ROWS }), status: 200 },
    { name: "no key", headers: json, body: () => JSON.stringify({ instances: IRIS_ROWS }), status: 401 },
    { name: "a wrong key", headers: { ...json, authorization: "Bearer vjd_wrong" }, body: () => JSON.stringify({ instances: IRIS_ROWS }), status: 401 },
    { name: "malformed JSON", body: () => '{"instances": [', status: 400 },
    { name: "JSON nested too deep", body: () => `{"instances":[{"features":{"x":${"[".repeat(100)}${"]".repeat(100)}}}]}`, status: 400 },
    { name: "a mistyped feature", body: () => JSON.stringify({ instances: [{ ...IRIS_ROWS[0], sepal_length_cm: "long" }] }), status: 422 },
    { name: "a declared length over the limit", body: () => `{"instances":[${" ".repeat(1024 * 1024)}]}`, status: 413 },
    { name: "a chunked body over the limit", body: () => repeatedChunks(40, 64 * 1024, " "), status: 413 },
    { name: "an unknown slug", path: "/api/v1/endpoints/no%20such/predict", body: () => JSON.stringify({ instances: IRIS_ROWS }), status: 404 },
  ];

  it.each(calls)("answers $name with the same status, headers and body", async ({ path, headers, body, status }) => {
    const sent = headers ?? { ...json, authorization: `Bearer ${deployment.key}` };
    const [node, route] = await Promise.all([base, routeBase].map((at) => rawPost(`${at}${path ?? deployment.path}`, sent, body())));
    expect(node!.status).toBe(status);
    expect(node!.status).toBe(route!.status);
    expect(node!.body).toBe(route!.body);
    expect(JSON.parse(node!.body)).toBeTypeOf("object");
    expect(comparable(node!.headers)).toEqual(comparable(route!.headers));
    expect(node!.headers["content-type"]).toBe("application/json");
    for (const answer of [node!, route!]) expect(answer.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(node!.headers["content-length"]).toBe(String(Buffer.byteLength(node!.body)));
  });
});
