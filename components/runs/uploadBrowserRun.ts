import type { RunProgress } from "./runProgress";
import type { BrowserRunResult } from "@/workers/browser/runWorker";

/**
 * Sends a finished browser run's steps and artifacts to the server, in spec order
 * (each step's lineage points at artifacts uploaded before it), so its lineage is
 * the same as a server run's.
 */
export async function uploadBrowserArtifacts(runId: string, result: BrowserRunResult, progress: RunProgress): Promise<void> {
  for (const step of result.steps) {
    const outputs = result.artifacts[step.nodeId] ?? {};
    const response = await fetch(`/api/runs/${encodeURIComponent(runId)}/artifacts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        nodeId: step.nodeId,
        kind: step.kind,
        fingerprint: step.fingerprint,
        cached: step.cached,
        durationMs: step.durationMs,
        metrics: progress.metrics[step.nodeId] ?? {},
        outputs,
      }),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new Error(`Uploading ${step.nodeId}'s outputs failed (${response.status}): ${body?.error?.message ?? response.statusText}`);
    }
  }
}
