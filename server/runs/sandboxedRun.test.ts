import { chmodSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ESCAPE_PAYLOADS, escapePrelude, payloadCode, type EscapePayload } from "@/workers/node/testing/escapePayloads";
import type { StoredGraph } from "@/contracts/storedGraph";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { signedUpCaller } = await import("../testing/callers");
const { irisGraph, saveGraph } = await import("../testing/runFixtures");
const { testWorker, drainQueue } = await import("../testing/testWorker");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

// The worker that `npm run dev` runs inside the web server: user code must not reach it.
const worker = await testWorker("sandbox-test-worker");
const markerDirectory = mkdtempSync(join(tmpdir(), "vajra-escape-run-"));
chmodSync(markerDirectory, 0o777);
const marker = join(markerDirectory, "escaped");
const prelude = escapePrelude(marker, process.pid);
const guarded = (payload: EscapePayload, valueName: string) => `try { ${payloadCode(payload, valueName, marker, process.pid)} } catch {}`;

let alice: Caller;
let projectId: string;

beforeAll(async () => {
  alice = (await signedUpCaller("sandbox@example.com")).caller;
  projectId = (await alice.project.list())[0]!.id;
});

/** Load iris → Custom code (`code` defining `f`) → Labeling functions (`expressions`). */
function userCodeGraph(code: string, expressions: string[], labelTimeoutMs = 10_000): StoredGraph {
  return {
    nodes: [
      { id: "load", kind: "load", params: { dataset: "sample:iris" }, position: { x: 0, y: 0 } },
      { id: "custom", kind: "custom-code", params: { functionName: "f", code }, position: { x: 200, y: 0 } },
      {
        id: "label",
        kind: "labeling-functions",
        params: {
          classes: ["setosa", "other"],
          timeoutMs: labelTimeoutMs,
          functions: expressions.map((expression, i) => ({ name: `escape ${i}`, kind: "expression", expression })),
        },
        position: { x: 400, y: 0 },
      },
    ],
    edges: [
      { id: "e1", source: "load", sourceHandle: "table", target: "custom", targetHandle: "table" },
      { id: "e2", source: "custom", sourceHandle: "table", target: "label", targetHandle: "table" },
    ],
  };
}

async function runOnServer(graph: StoredGraph) {
  const { pipelineId } = await saveGraph(alice, projectId, graph);
  const { runId } = await alice.run.start({ projectId, pipelineId, target: "server" });
  await drainQueue(worker);
  return alice.run.get({ projectId, runId });
}

describe("user code in server runs", () => {
  it("runs every escape payload in Custom code and labeling functions; the run succeeds and nothing outside changes", async () => {
    const code = `function f(t) { ${prelude} ${ESCAPE_PAYLOADS.map((p) => guarded(p, "t")).join("\n")} return t; }`;
    const expressions = ESCAPE_PAYLOADS.map((p) => `(() => { ${prelude} ${guarded(p, "row")} return null; })()`);
    const run = await runOnServer(userCodeGraph(code, expressions));
    expect(run.steps.map((s) => [s.nodeId, s.status])).toEqual([
      ["load", "succeeded"],
      ["custom", "succeeded"],
      ["label", "succeeded"],
    ]);
    expect(existsSync(marker)).toBe(false);
    expect(Object.prototype).not.toHaveProperty("vajraPolluted");
  });

  it("fails only the node when user code exhausts memory or time, and the worker goes on to the next run", async () => {
    const hog = "function f(t) { const a = []; for (;;) a.push(new ArrayBuffer(32 * 1024 * 1024)); }";
    const failed = await runOnServer(userCodeGraph(hog, ['row.species === "setosa" ? "setosa" : "other"']));
    expect(failed.status).toBe("failed");
    expect(failed.error).toEqual({ nodeId: "custom", message: expect.stringMatching(/^Custom code function "f" (ran out of memory|threw: out of memory)/) });
    expect(failed.error?.message).not.toMatch(/\/work|\/tmp|node_modules|at .*\.ts/);

    const loop = await runOnServer(userCodeGraph("function f(t) { return t; }", ["(() => { for (;;) {} })()"], 1_000));
    expect(loop.status).toBe("failed");
    expect(loop.error).toEqual({ nodeId: "label", message: expect.stringMatching(/^Labeling function "escape 0" did not finish/) });

    const { pipelineId } = await saveGraph(alice, projectId, irisGraph());
    const { runId } = await alice.run.start({ projectId, pipelineId, target: "server" });
    await drainQueue(worker);
    expect((await alice.run.get({ projectId, runId })).status).toBe("succeeded");
  });
});
