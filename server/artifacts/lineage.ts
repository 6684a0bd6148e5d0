import type { Db } from "../db";
import { datasetReferencesOf, parseDatasetPins } from "../runs/datasetPins";
import { nodeLabelsOf } from "../runs/nodeLabels";
import { runSummary, runSummaryInclude } from "../runs/runViews";
import { parseStoredSpec } from "../runs/specForRun";

const artifactFields = { id: true, nodeId: true, port: true, portType: true, contentHash: true, fingerprint: true, bytes: true, createdAt: true } as const;

/**
 * Where an artifact came from: the run and step that computed it, the pipeline
 * version and node params, the dataset versions it was derived from, and every
 * upstream artifact with the edges between them.
 */
export async function artifactLineage(db: Db, projectId: string, artifactId: string) {
  const artifact = await db.artifact.findFirst({
    where: { id: artifactId, projectId },
    select: { ...artifactFields, producedBy: { include: { run: { include: runSummaryInclude } } } },
  });
  if (!artifact) return null;

  const upstream: {
    id: string;
    nodeId: string;
    port: string;
    portType: string;
    contentHash: string;
    fingerprint: string;
    inputs: { port: string; artifactId: string }[];
  }[] = [];
  const edgesOf = new Map<string, { port: string; artifactId: string }[]>();
  let frontier = [artifact.id];
  const seen = new Set(frontier);
  while (frontier.length > 0) {
    const edges = await db.artifactInput.findMany({ where: { artifactId: { in: frontier } }, include: { input: { select: artifactFields } } });
    frontier = [];
    for (const edge of edges) {
      edgesOf.set(edge.artifactId, [...(edgesOf.get(edge.artifactId) ?? []), { port: edge.port, artifactId: edge.inputId }]);
      if (seen.has(edge.inputId)) continue;
      seen.add(edge.inputId);
      frontier.push(edge.inputId);
      const { createdAt: _c, bytes: _b, ...input } = edge.input;
      upstream.push({ ...input, inputs: [] });
    }
  }
  for (const item of upstream) item.inputs = edgesOf.get(item.id) ?? [];

  const step = artifact.producedBy;
  const run = step?.run ?? null;
  const version = run
    ? await db.pipelineVersion.findUnique({ where: { id: run.pipelineVersionId }, select: { id: true, number: true, spec: true, graph: true, message: true } })
    : null;
  const spec = version?.spec ? parseStoredSpec(version.spec) : null;
  const node = spec?.nodes.find((n) => n.id === artifact.nodeId) ?? null;
  const labels = nodeLabelsOf(version?.graph);

  const pins = run ? parseDatasetPins(run.datasetVersions) : {};
  const lineageNodes = new Set([artifact.nodeId, ...upstream.map((u) => u.nodeId)]);
  const references = [...new Set((spec?.nodes ?? []).filter((n) => lineageNodes.has(n.id)).flatMap(datasetReferencesOf))];
  const versionIds = references.flatMap((r) => pins[r]?.versionId ?? []);
  const datasetVersions = await db.datasetVersion.findMany({
    where: { id: { in: versionIds } },
    select: { id: true, number: true, contentHash: true, fileName: true, dataset: { select: { id: true, name: true } } },
  });

  const { producedBy: _p, ...fields } = artifact;
  return {
    artifact: { ...fields, label: labels[artifact.nodeId] ?? null, inputs: edgesOf.get(artifact.id) ?? [] },
    run: run ? runSummary(run) : null,
    step: step && {
      id: step.id,
      nodeId: step.nodeId,
      label: labels[step.nodeId] ?? null,
      kind: step.kind,
      fingerprint: step.fingerprint,
      status: step.status,
      durationMs: step.durationMs,
    },
    pipelineVersion: version && run ? { id: version.id, number: version.number, message: version.message, pipelineId: run.pipelineId } : null,
    node: node && { id: node.id, kind: node.kind, version: node.version, params: node.params },
    datasets: references.map((reference) => {
      const pinned = datasetVersions.find((v) => v.id === pins[reference]?.versionId);
      return {
        reference,
        contentHash: pins[reference]?.contentHash ?? null,
        version: pinned ? { id: pinned.id, number: pinned.number, fileName: pinned.fileName, dataset: pinned.dataset } : null,
      };
    }),
    upstream: upstream.map((item) => ({ ...item, label: labels[item.nodeId] ?? null })),
  };
}
