import { parseDatasetReference } from "@/pipeline/spec/datasetReference";
import type { DatasetResolver, ResolvedDataset } from "@/pipeline/spec/datasetResolver";

export interface BrowserDatasetScope {
  projectId: string;
  /** Reference → the DatasetVersion a run pinned at start; unpinned references read the latest version. */
  pins?: Record<string, { versionId?: string }>;
}

const SAMPLE_NAME = /^[a-z0-9_-]+$/i;

/**
 * Datasets as code in the browser reads them, all from the app's own origin: bundled
 * samples are static files; a project's uploaded datasets (`dataset:<name>`, `dataset:<name>@<n>`,
 * older `dataset:<id>`, or a bare name) come from the project's dataset route (with the user's
 * session, so only members read them), at the version the run pinned.
 */
export function browserDatasets(scope?: BrowserDatasetScope): DatasetResolver {
  return {
    async resolve(reference, signal) {
      const parsed = parseDatasetReference(reference);
      if (parsed.kind !== "sample" && scope !== undefined) {
        const version = scope.pins?.[reference]?.versionId;
        const query = new URLSearchParams(version === undefined ? { reference } : { version });
        const response = await fetch(`/api/projects/${encodeURIComponent(scope.projectId)}/datasets?${query}`, { signal: signal ?? null });
        if (response.ok) return projectDataset(response, reference);
        // A bare name the project has no dataset of may be a sample's ("iris").
        if (!(parsed.kind === "bare" && response.status === 404 && SAMPLE_NAME.test(parsed.value))) {
          throw new Error(
            response.status === 404
              ? `No dataset "${reference}" in this project: it may have been deleted. Upload it on the project page.`
              : `Dataset "${reference}" could not be read (HTTP ${response.status}): you may have lost access.`,
          );
        }
      }
      const name = parsed.kind === "sample" ? parsed.name : parsed.kind === "bare" ? parsed.value : undefined;
      if (name === undefined || !SAMPLE_NAME.test(name)) {
        throw new Error(`Unknown dataset "${reference}". Use a bundled sample such as sample:iris, or a dataset uploaded to the project (dataset:<name>).`);
      }
      const response = await fetch(`/datasets/${name}.csv`, { signal: signal ?? null });
      if (!response.ok) throw new Error(`No sample dataset named "${name}".`);
      return { bytes: new Uint8Array(await response.arrayBuffer()), name: `${name}.csv` };
    },
  };
}

async function projectDataset(response: Response, reference: string): Promise<ResolvedDataset> {
  const contentHash = response.headers.get("x-vajra-content-hash");
  return {
    bytes: new Uint8Array(await response.arrayBuffer()),
    name: decodeURIComponent(response.headers.get("x-vajra-file-name") ?? `${reference}.csv`),
    ...(contentHash === null ? {} : { contentHash }),
  };
}
