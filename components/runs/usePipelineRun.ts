"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { isFinished, runStatusSchema, type RunStatus } from "@/contracts/runStatus";
import type { RunTarget } from "@/contracts/runTarget";
import type { RunEvent } from "@/pipeline/runtime/events";
import type { PipelineSpec } from "@/pipeline/spec/spec";
import { useTRPCClient } from "@/components/trpc/client";
import { applyRunEvent, initialProgress, type RunProgress } from "./runProgress";
import type { RunSummary } from "./RunPanel";
import { browserRunReport } from "./browserRunReport";
import { uploadBrowserSteps } from "./uploadBrowserRun";
import { useBrowserRunner } from "./useBrowserRunner";

const REPORT_BATCH_MS = 500;

export interface ActiveRun extends RunSummary {
  progress: RunProgress;
}

/** The server stores status as text; anything unexpected shows as failed rather than as a live run. */
function toRunStatus(status: string): RunStatus {
  const parsed = runStatusSchema.safeParse(status);
  return parsed.success ? parsed.data : "failed";
}

/**
 * Starts a saved pipeline version on the server or in this browser and follows it:
 * server runs through run.watch (pushed as workers write), browser runs from the worker directly
 * (reporting events and uploading artifacts as they go, for lineage).
 */
export function usePipelineRun(projectId: string) {
  const client = useTRPCClient();
  const browser = useBrowserRunner();
  const [active, setActive] = useState<ActiveRun | null>(null);
  const stopFollowing = useRef<() => void>(() => {});
  useEffect(() => () => stopFollowing.current(), []);

  const apply = useCallback((events: RunEvent[]) => {
    setActive((run) => (run ? { ...run, progress: events.reduce(applyRunEvent, run.progress) } : run));
  }, []);

  const followServerRun = useCallback(
    (runId: string) => {
      const subscription = client.run.watch.subscribe(
        { projectId, runId },
        {
          onData: ({ data }) => {
            if (data.type === "event") apply([data.event]);
            else setActive((run) => (run ? { ...run, status: toRunStatus(data.status), ...(data.error ? { error: data.error } : {}) } : run));
          },
        },
      );
      stopFollowing.current = () => subscription.unsubscribe();
    },
    [apply, client, projectId],
  );

  /**
   * A step reused from the cache trained nothing here: draw the curve of the step that computed it. Applied with
   * the finish event again after it, so the node still reads as cached; a curve that cannot be fetched is only not drawn.
   */
  const showReusedCurve = useCallback(
    async (finished: Extract<RunEvent, { type: "node-finished" }>) => {
      const curve = await client.run.stepCurve.query({ projectId, fingerprint: finished.fingerprint }).catch(() => []);
      if (curve.length > 0) apply([...curve.map((event) => ({ ...event, nodeId: finished.nodeId })), finished]);
    },
    [apply, client, projectId],
  );

  const runInBrowser = useCallback(
    async (runId: string, spec: PipelineSpec, datasetVersions: Record<string, { versionId?: string }>, ignoreCache: boolean) => {
      let pending: RunEvent[] = [];
      const all: RunEvent[] = [];
      const flush = async () => {
        const batch = pending;
        pending = [];
        if (batch.length > 0) await client.run.reportEvents.mutate({ projectId, runId, events: batch }).catch(() => undefined);
      };
      const timer = setInterval(() => void flush(), REPORT_BATCH_MS);
      try {
        const result = await browser.run(spec, {
          projectId,
          datasetVersions,
          ignoreCache,
          onEvent: (event) => {
            pending.push(event);
            all.push(event);
            apply([event]);
            if (event.type === "node-finished" && event.cached) void showReusedCurve(event);
          },
        });
        clearInterval(timer);
        await flush();
        const report = browserRunReport(result, all);
        await uploadBrowserSteps(runId, report.uploads);
        await client.run.finishBrowserRun.mutate({ projectId, runId, ...report.finish });
        setActive((run) =>
          run
            ? { ...run, status: result.status, ...(result.backend ? { backend: result.backend } : {}), ...(result.error ? { error: result.error } : {}) }
            : run,
        );
      } catch (error) {
        clearInterval(timer);
        const message = error instanceof Error ? error.message : String(error);
        await client.run.finishBrowserRun.mutate({ projectId, runId, status: "failed", error: { message }, steps: [] }).catch(() => undefined);
        setActive((run) => (run ? { ...run, status: "failed", error: { message } } : run));
      }
    },
    [apply, browser, client, projectId, showReusedCurve],
  );

  const start = useCallback(
    async (options: { pipelineId: string; versionId: string; target: RunTarget; targetNodeId?: string; ignoreCache?: boolean }) => {
      stopFollowing.current();
      setActive(null);
      const started = await client.run.start.mutate({ projectId, ...options });
      const { spec } = started;
      setActive({
        runId: started.runId,
        status: toRunStatus(started.status),
        target: options.target,
        ignoreCache: started.ignoreCache,
        progress: initialProgress(spec.nodes.map((n) => n.id)),
      });
      if (options.target === "server") followServerRun(started.runId);
      else void runInBrowser(started.runId, spec, started.datasetVersions, started.ignoreCache);
      return started.runId;
    },
    [client, followServerRun, projectId, runInBrowser],
  );

  const cancel = useCallback(async () => {
    if (!active || isFinished(active.status)) return;
    if (active.target === "browser") browser.cancel();
    else await client.run.cancel.mutate({ projectId, runId: active.runId });
  }, [active, browser, client, projectId]);

  return { active, start, cancel, close: () => setActive(null), browser };
}
