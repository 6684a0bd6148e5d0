import { sampleName } from "@/pipeline/runtime/datasets";
import type { DatasetResolver } from "@/pipeline/spec/datasetResolver";

const PROJECT_DATASET_PREFIX = "dataset:";

export interface BrowserDatasetScope {
  projectId: string;
  /** Reference → the DatasetVersion a run pinned at start; unpinned references read the latest version. */
  pins?: Record<string, { versionId?: string }>;
}

/**
 * Datasets as code in the browser reads them, all from the app's own origin: bundled
 * samples are static files; a project's uploaded datasets come from the project's
 * dataset route (with the user's session, so only members read them), at the version
 * the run pinned.
 */
export function browserDatasets(scope?: BrowserDatasetScope): DatasetResolver {
  return {
    async resolve(reference, signal) {
      if (reference.startsWith(PROJECT_DATASET_PREFIX) && scope !== undefined) {
        const id = reference.slice(PROJECT_DATASET_PREFIX.length);
        const version = scope.pins?.[reference]?.versionId;
        const query = new URLSearchParams({ id, ...(version === undefined ? {} : { version }) });
        const response = await fetch(`/api/projects/${encodeURIComponent(scope.projectId)}/datasets?${query}`, { signal: signal ?? null });
        if (!response.ok)
          throw new Error(`Dataset "${reference}" could not be read (HTTP ${response.status}): it may have been deleted, or you may have lost access.`);
        const contentHash = response.headers.get("x-vajra-content-hash");
        return {
          bytes: new Uint8Array(await response.arrayBuffer()),
          name: decodeURIComponent(response.headers.get("x-vajra-file-name") ?? `${id}.csv`),
          ...(contentHash === null ? {} : { contentHash }),
        };
      }
      const name = sampleName(reference);
      if (name === undefined || !/^[a-z0-9_-]+$/i.test(name)) {
        throw new Error(`Unknown dataset "${reference}". Use a bundled sample such as sample:iris, or a dataset uploaded to the project.`);
      }
      const response = await fetch(`/datasets/${name}.csv`, { signal: signal ?? null });
      if (!response.ok) throw new Error(`No sample dataset named "${name}".`);
      return { bytes: new Uint8Array(await response.arrayBuffer()), name: `${name}.csv` };
    },
  };
}
