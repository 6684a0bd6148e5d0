import { storedGraphSchema } from "@/contracts/storedGraph";
import { catalog } from "@/pipeline/nodes/catalog";
import { parseDatasetReference } from "@/pipeline/spec/datasetReference";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";

export interface DatasetUsage {
  /** Pipelines whose saved versions or someone's draft read the dataset, by name. */
  pipelines: { id: string; name: string; versions: number[]; inDraft: boolean }[];
  /** Runs and batch predictions still reading it: deleting now would fail them, so it is refused. */
  activeRuns: number;
  activeBatchPredictions: number;
}

const ACTIVE = ["queued", "running"];

/** Whether a Load node's reference reads this dataset: `dataset:<id>`, `dataset:<name>[@n]`, or the bare name. */
export function readsDataset(reference: string, dataset: { id: string; name: string }): boolean {
  const parsed = parseDatasetReference(reference);
  if (parsed.kind === "project") return parsed.key === dataset.id || parsed.key === dataset.name || `${parsed.key}@${parsed.version}` === dataset.name;
  return parsed.kind === "bare" && parsed.value === dataset.name;
}

function graphReads(json: string, dataset: { id: string; name: string }): boolean {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    return false;
  }
  const graph = storedGraphSchema.safeParse(document);
  if (!graph.success) return false;
  return graph.data.nodes.some((node) => {
    const definition = catalog.get(node.kind);
    const params = definition?.params.safeParse(node.params);
    if (definition?.datasetReferences === undefined || !params?.success) return false;
    return definition.datasetReferences(params.data).some((reference) => readsDataset(reference, dataset));
  });
}

/**
 * What uses a project dataset, for the confirmation before deleting it. Saved graphs are searched in the
 * database for the name or id first, so only the few that could match are parsed.
 */
export async function datasetUsage(db: Db, projectId: string, datasetId: string): Promise<DatasetUsage> {
  const dataset = await db.dataset.findFirst({ where: { id: datasetId, projectId }, select: { id: true, name: true } });
  if (!dataset) throw new DomainError("notFound", "Dataset not found in this project.");
  const mentions = { OR: [{ graph: { contains: dataset.id } }, { graph: { contains: JSON.stringify(dataset.name).slice(1, -1) } }] };
  const [versions, drafts] = await Promise.all([
    db.pipelineVersion.findMany({ where: { pipeline: { projectId }, ...mentions }, select: { pipelineId: true, number: true, graph: true } }),
    db.pipelineDraft.findMany({ where: { pipeline: { projectId }, ...mentions }, select: { pipelineId: true, graph: true } }),
  ]);
  const uses = new Map<string, { versions: number[]; inDraft: boolean }>();
  const use = (pipelineId: string) => uses.get(pipelineId) ?? uses.set(pipelineId, { versions: [], inDraft: false }).get(pipelineId)!;
  for (const version of versions) if (graphReads(version.graph, dataset)) use(version.pipelineId).versions.push(version.number);
  for (const draft of drafts) if (graphReads(draft.graph, dataset)) use(draft.pipelineId).inDraft = true;
  const pipelines = await db.pipeline.findMany({ where: { id: { in: [...uses.keys()] } }, select: { id: true, name: true }, orderBy: { name: "asc" } });

  const versionIds = (await db.datasetVersion.findMany({ where: { datasetId }, select: { id: true } })).map((v) => v.id);
  const [activeRuns, activeBatchPredictions] = await Promise.all([
    // A run's pins are JSON: one that names a version id of this dataset reads it.
    db.run.count({ where: { projectId, status: { in: ACTIVE }, OR: versionIds.map((id) => ({ datasetVersions: { contains: id } })) } }),
    db.batchPrediction.count({ where: { projectId, status: { in: ACTIVE }, datasetVersionId: { in: versionIds } } }),
  ]);
  return {
    pipelines: pipelines.map((p) => ({ ...p, versions: uses.get(p.id)!.versions.sort((a, b) => a - b), inDraft: uses.get(p.id)!.inDraft })),
    activeRuns: versionIds.length === 0 ? 0 : activeRuns,
    activeBatchPredictions,
  };
}

/**
 * Deletes a dataset and its versions. Runs keep their lineage: they record each dataset's content hash
 * in their pins (JSON, no foreign key), and cached artifacts stay valid. The stored files stay in the
 * content-addressed store (another dataset or artifact may hold the same bytes). Refused while a run
 * or batch prediction is reading it.
 */
export async function deleteDataset(db: Db, projectId: string, datasetId: string): Promise<{ name: string }> {
  const usage = await datasetUsage(db, projectId, datasetId);
  if (usage.activeRuns > 0 || usage.activeBatchPredictions > 0) {
    const what = [
      usage.activeRuns > 0 ? `${usage.activeRuns} run${usage.activeRuns === 1 ? "" : "s"}` : null,
      usage.activeBatchPredictions > 0 ? `${usage.activeBatchPredictions} batch prediction${usage.activeBatchPredictions === 1 ? "" : "s"}` : null,
    ]
      .filter(Boolean)
      .join(" and ");
    throw new DomainError("conflict", `${what} still reading this dataset: wait for them to finish or cancel them, then delete it.`);
  }
  const deleted = await db.dataset.delete({ where: { id: datasetId }, select: { name: true } });
  return deleted;
}
