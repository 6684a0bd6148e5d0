/**
 * Run a saved pipeline on the server from code and follow its progress.
 *
 *   npx tsx examples/run-pipeline.ts --url http://localhost:3000 --token vjr_... --project <id> --pipeline <id>
 *
 * Starts a server run of the pipeline's latest saved version, prints progress as
 * it happens (by polling run.events; run.watch streams the same over SSE), then
 * the final metrics. Exits 1 when the run fails or is cancelled.
 */
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { parseArgs } from "node:util";
import type { AppRouter } from "../server/api/root";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.VAJRA_URL ?? "http://localhost:3000" },
    token: { type: "string", default: process.env.VAJRA_TOKEN },
    project: { type: "string" },
    pipeline: { type: "string" },
    "to-node": { type: "string" },
    /** Re-execute every node instead of reusing cached outputs. */
    "ignore-cache": { type: "boolean", default: false },
  },
});

if (!values.token || !values.project || !values.pipeline) {
  console.error("Usage: run-pipeline.ts --token vjr_... --project <projectId> --pipeline <pipelineId> [--url ...] [--to-node <nodeId>] [--ignore-cache]");
  process.exit(2);
}
const projectId = values.project;

const vajra = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: new URL("/api/trpc", values.url).toString(), transformer: superjson, headers: { authorization: `Bearer ${values.token}` } })],
});

const POLL_MS = 500;

try {
  const started = await vajra.run.start.mutate({
    projectId,
    pipelineId: values.pipeline,
    target: "server",
    ignoreCache: values["ignore-cache"],
    ...(values["to-node"] ? { targetNodeId: values["to-node"] } : {}),
  });
  console.log(`Run ${started.runId}: version ${started.version.number}, ${started.status}`);

  let afterSeq = -1;
  for (;;) {
    const batch = await vajra.run.events.query({ projectId, runId: started.runId, afterSeq });
    for (const { seq, event } of batch.events) {
      afterSeq = seq;
      switch (event.type) {
        case "node-started":
          console.log(`  ▶ ${event.nodeId} (${event.kind})`);
          break;
        case "node-finished":
          console.log(`  ✓ ${event.nodeId} ${event.cached ? "from cache" : `in ${Math.round(event.durationMs)} ms`}`);
          break;
        case "node-failed":
          console.log(`  ✗ ${event.nodeId}: ${event.error}`);
          break;
        case "epoch":
          console.log(`    epoch ${event.epoch}${event.epochs ? `/${event.epochs}` : ""}${event.loss === undefined ? "" : ` loss ${event.loss.toFixed(4)}`}`);
          break;
        default:
          break;
      }
    }
    if (batch.finished) break;
    if (batch.events.length === 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }

  const run = await vajra.run.get.query({ projectId, runId: started.runId });
  console.log(`\n${run.status} in ${run.durationMs ?? "?"} ms on the ${run.backend ?? "?"} backend`);
  for (const step of run.steps) {
    const metrics = Object.entries(step.metrics).map(([name, value]) => `${name}=${Number(value.toFixed(4))}`);
    if (metrics.length > 0) console.log(`  ${step.nodeId}: ${metrics.join(" ")}`);
  }
  if (run.status !== "succeeded") {
    console.error(run.error ? `Failed${run.error.nodeId ? ` at ${run.error.nodeId}` : ""}: ${run.error.message}` : `Run ${run.status}`);
    process.exit(1);
  }
} catch (error) {
  console.error(error instanceof TRPCClientError ? `Vajra refused: ${error.message}` : error);
  process.exit(1);
}
