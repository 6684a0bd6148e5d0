/** Port types whose artifact is a table, so it downloads as CSV (server/downloads/tableCsvHandler.ts). */
const TABLE_PORT_TYPES = new Set(["Table", "LabeledTable", "Predictions"]);

const linkClass = "text-indigo-700 hover:underline";

export function isTablePort(portType: string): boolean {
  return TABLE_PORT_TYPES.has(portType);
}

/** "Download CSV" for a table output (e.g. a Predict node's predictions); nothing for other outputs. */
export function TableCsvLink({
  projectId,
  artifact,
  label = "Download CSV",
}: {
  projectId: string;
  artifact: { id: string; portType: string; port?: string };
  label?: string;
}) {
  if (!isTablePort(artifact.portType)) return null;
  return (
    <a
      href={`/api/projects/${encodeURIComponent(projectId)}/artifacts/${encodeURIComponent(artifact.id)}/csv`}
      download
      className={`mr-2 ${linkClass}`}
      aria-label={artifact.port ? `Download ${artifact.port} as CSV` : label}
    >
      {label}
    </a>
  );
}

export type ModelBundleRef = { deploymentId: string } | { deploymentVersionId: string } | { registeredVersionId: string };

/** The model file an endpoint loads (with its preprocessing), e.g. churn-v3.vajra-model. */
export function modelBundleUrl(projectId: string, ref: ModelBundleRef): string {
  return `/api/projects/${encodeURIComponent(projectId)}/model-bundle?${new URLSearchParams(ref)}`;
}

export function ModelDownloadLink({ projectId, model }: { projectId: string; model: ModelBundleRef }) {
  return (
    <a href={modelBundleUrl(projectId, model)} download className={`text-sm ${linkClass}`}>
      Download model
    </a>
  );
}

export function batchResultUrl(projectId: string, batchId: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}/batch-predictions/${encodeURIComponent(batchId)}/download`;
}
