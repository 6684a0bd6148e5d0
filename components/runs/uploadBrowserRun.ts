import type { StepUpload } from "./browserRunReport";

/**
 * Posts a browser run's finished steps with their artifacts, in spec order (each
 * step's lineage points at artifacts uploaded before it).
 */
export async function uploadBrowserSteps(runId: string, uploads: StepUpload[]): Promise<void> {
  for (const upload of uploads) {
    const response = await fetch(`/api/runs/${encodeURIComponent(runId)}/artifacts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(upload),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new Error(`Uploading ${upload.nodeId}'s outputs failed (${response.status}): ${body?.error?.message ?? response.statusText}`);
    }
  }
}
