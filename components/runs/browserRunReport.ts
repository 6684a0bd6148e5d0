import type { z } from "zod";
import type { RunEvent } from "@/pipeline/runtime/events";
import { stepMetrics } from "@/pipeline/runtime/stepMetrics";
import type { artifactUploadSchema, finishBrowserRunSchema } from "@/server/runs/browserRuns";
import type { BrowserRunResult } from "@/workers/browser/runWorker";

/** Body of POST /api/runs/{runId}/artifacts for one finished step. */
export type StepUpload = z.input<typeof artifactUploadSchema>;
/** Input of run.finishBrowserRun, less the run and project ids the caller adds. */
export type BrowserRunFinish = Omit<z.input<typeof finishBrowserRunSchema>, "runId">;

/**
 * What a browser run reports to the server, in the shapes its upload route and
 * run.finishBrowserRun accept: one upload per finished step, in spec order (the server
 * links each step's artifacts to those of the steps it read, so upstream goes first),
 * then the outcome, including the step that failed. Metrics and logs come from the
 * run's events, which the runner reports as they happen.
 */
export function browserRunReport(result: BrowserRunResult, events: readonly RunEvent[]): { uploads: StepUpload[]; finish: BrowserRunFinish } {
  const metrics = new Map<string, Record<string, number>>();
  const lastEpochs = new Map<string, Extract<RunEvent, { type: "epoch" }>>();
  const logs = new Map<string, string[]>();
  const started = new Map<string, { kind: string; fingerprint: string }>();
  for (const event of events) {
    if (event.type === "node-started") started.set(event.nodeId, { kind: event.kind, fingerprint: event.fingerprint });
    if (event.type === "metric") metrics.set(event.nodeId, { ...metrics.get(event.nodeId), [event.name]: event.value });
    if (event.type === "epoch") lastEpochs.set(event.nodeId, event);
    if (event.type === "log") logs.set(event.nodeId, [...(logs.get(event.nodeId) ?? []), `${event.level}: ${event.message}`]);
  }
  // As a server run stores them (the last epoch's loss too), so runs compare alike wherever they ran.
  const record = (nodeId: string) => ({ metrics: stepMetrics(lastEpochs.get(nodeId), metrics.get(nodeId) ?? {}), logs: (logs.get(nodeId) ?? []).join("\n") });

  const uploads: StepUpload[] = result.steps.map((step) => ({
    nodeId: step.nodeId,
    kind: step.kind,
    fingerprint: step.fingerprint,
    cached: step.cached,
    durationMs: step.durationMs,
    status: "succeeded",
    ...record(step.nodeId),
    outputs: result.artifacts[step.nodeId] ?? {},
  }));
  const steps: BrowserRunFinish["steps"] = uploads.map(({ outputs: _outputs, ...step }) => step);
  const failedNode = result.error?.nodeId;
  const failed = failedNode === undefined ? undefined : started.get(failedNode);
  if (failedNode !== undefined && failed !== undefined) {
    // The runner reports no duration for a step that threw.
    steps.push({ nodeId: failedNode, ...failed, cached: false, durationMs: 0, status: "failed", error: result.error!.message, ...record(failedNode) });
  }
  return {
    uploads,
    finish: {
      status: result.status,
      ...(result.error === undefined ? {} : { error: { ...(failedNode === undefined ? {} : { nodeId: failedNode }), message: result.error.message } }),
      steps,
      datasets: result.datasets,
      ...(result.backend === null ? {} : { backend: result.backend }),
    },
  };
}
