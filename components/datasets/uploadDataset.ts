/** What an upload answered: the version it made (or the identical latest one), or the server's reason. */
export type UploadOutcome = { ok: true; datasetId: string; versionNumber: number; created: boolean } | { ok: false; message: string };

/**
 * Sends a file as a new version of the named dataset, as the raw body (the route streams it to a
 * limit; 50 MB). The dataset is created on its first upload.
 */
export async function uploadDataset(projectId: string, name: string, file: File): Promise<UploadOutcome> {
  const query = new URLSearchParams({ name, fileName: file.name });
  const response = await fetch(`/api/projects/${encodeURIComponent(projectId)}/datasets?${query}`, { method: "POST", body: file });
  const body = (await response.json().catch(() => null)) as {
    error?: { message?: string };
    datasetId?: string;
    created?: boolean;
    version?: { number: number };
  } | null;
  if (!response.ok || body?.datasetId === undefined || body.version === undefined) {
    return { ok: false, message: body?.error?.message ?? `Upload failed (${response.status}).` };
  }
  return { ok: true, datasetId: body.datasetId, versionNumber: body.version.number, created: body.created ?? true };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
