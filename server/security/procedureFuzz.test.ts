import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { appRouter } = await import("../api/root");
const { signedUpCaller } = await import("../testing/callers");
const { serveHandler } = await import("../testing/serveHandler");
const { handleTrpcRequest } = await import("../api/trpcHttpHandler");
const { irisGraph, saveGraph } = await import("../testing/runFixtures");

type ProcedureType = "query" | "mutation" | "subscription";
const procedures = Object.entries(appRouter._def.procedures)
  .map(([path, procedure]) => ({ path, type: (procedure as unknown as { _def: { type: ProcedureType } })._def.type }))
  // Account procedures change the caller's own password and sessions; they are covered by the sign-in suites.
  .filter((p) => p.type !== "subscription" && !p.path.startsWith("account."));

let token: string;
let http: Awaited<ReturnType<typeof serveHandler>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const owner = await signedUpCaller("fuzzer@example.com");
  token = owner.token;
  ids["projectId"] = (await owner.caller.project.create({ name: "Fuzzed" })).id;
  const saved = await saveGraph(owner.caller, ids["projectId"], irisGraph());
  ids["pipelineId"] = saved.pipelineId;
  ids["versionId"] = saved.versionId;
  ids["notebookId"] = (await owner.caller.notebook.create({ projectId: ids["projectId"], name: "nb" })).id;
  http = await serveHandler((req) => handleTrpcRequest(req));
});

afterAll(() => http.close());

/** Real ids where a procedure names one, so calls reach past "not found"; odd values elsewhere. */
const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom("", " ", "x".repeat(300), -1, 0, 1e308, null, [], {}, "../../etc/passwd", "__proto__", "sample:iris", "dataset:nope"),
);
const key = fc.constantFrom(
  "projectId",
  "pipelineId",
  "versionId",
  "notebookId",
  "runId",
  "artifactId",
  "datasetId",
  "deploymentId",
  "cellId",
  "name",
  "graph",
  "document",
  "target",
  "status",
  "role",
  "token",
  "message",
  "baseVersionId",
  "expectedUpdatedAt",
  "limit",
  "cursor",
  "events",
  "steps",
  "nodeId",
  "source",
  "cells",
);
const input = fc.oneof(
  fc
    .dictionary(key, oddValue, { maxKeys: 6 })
    .map((fields) => ({ projectId: ids["projectId"], pipelineId: ids["pipelineId"], notebookId: ids["notebookId"], ...fields })),
  fc.dictionary(key, oddValue, { maxKeys: 4 }).map((fields) => ({ ...Object.fromEntries(Object.entries(ids)), ...fields })),
  oddValue,
);

async function call(path: string, type: ProcedureType, value: unknown): Promise<{ status: number; body: string }> {
  const payload = encodeURIComponent(JSON.stringify({ json: value }));
  const answer =
    type === "query"
      ? await fetch(`${http.url}/api/trpc/${path}?input=${payload}`, { headers: { authorization: `Bearer ${token}` } })
      : await fetch(`${http.url}/api/trpc/${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ json: value }),
        });
  return { status: answer.status, body: await answer.text() };
}

describe("every tRPC procedure answers odd input with a result or a client error, never a 500", () => {
  it("random inputs to every query and mutation", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...procedures), input, async ({ path, type }, value) => {
          const { status, body } = await call(path, type, value);
          expect(
            status,
            `${path} ${JSON.stringify(value).slice(0, 300)} → ${body.slice(0, 300)}; log: ${String(logged.mock.calls.at(-1)?.[1] ?? "").slice(0, 400)}`,
          ).toBeLessThan(500);
        }),
        { numRuns: 600, interruptAfterTimeLimit: 60_000, seed: Number(process.env.FUZZ_SEED ?? 20261203) },
      );
    } finally {
      logged.mockRestore();
    }
  }, 180_000);
});
