import type { Table } from "@/pipeline/ml/table/table";
import { checkModelArtifact, InvalidModelError } from "@/pipeline/model/modelArtifactCheck";
import type { SplitValue } from "@/pipeline/spec/portValues";
import { deserializeArtifact } from "../artifacts/artifactSerialization";
import type { BlobStore } from "../artifacts/blobStore";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";
import { loadModelVersion, readModel } from "./modelCache";
import { signatureOf } from "./signature";
import { profileTable } from "./trainingProfile";

/** The table the model was fitted on: its direct input in the lineage (a Split's train part, or a table). */
async function trainingTable(db: Db, blobs: BlobStore, artifactId: string): Promise<Table | null> {
  const edges = await db.artifactInput.findMany({ where: { artifactId }, include: { input: true } });
  for (const { input } of edges) {
    if (input.portType === "Split") return (deserializeArtifact(await blobs.get(input.storageKey)) as SplitValue).train;
    if (input.portType === "Table" || input.portType === "LabeledTable") return deserializeArtifact(await blobs.get(input.storageKey)) as Table;
  }
  return null;
}

/** The metrics of the step that trained the model and of the steps in the same run that evaluated it. */
export async function metricsSnapshot(db: Db, artifactId: string): Promise<Record<string, number>> {
  const model = await db.artifact.findUnique({
    where: { id: artifactId },
    include: { producedBy: true, consumers: { include: { artifact: { include: { producedBy: true } } } } },
  });
  const steps = [model?.producedBy, ...(model?.consumers ?? []).map((c) => c.artifact.producedBy)].filter((s) => s != null);
  const sameRun = steps.filter((s) => s.runId === model?.producedBy?.runId);
  return Object.assign({}, ...sameRun.map((s) => JSON.parse(s.metrics) as Record<string, number>));
}

/**
 * Freezes a project's Model artifact as the next version of a deployment: its
 * signature, metrics and training profile for drift. The model is loaded into the
 * serving cache before the version exists, so switching to it never stalls a request.
 */
/** A project's Model artifact, read and checked again: stores outlive code and can be written to directly. */
export async function readDeployableModel(db: Db, blobs: BlobStore, projectId: string, artifactId: string) {
  const artifact = await db.artifact.findFirst({ where: { id: artifactId, projectId } });
  if (!artifact) throw new DomainError("notFound", "Model artifact not found in this project.");
  if (artifact.portType !== "Model") throw new DomainError("invalid", `Artifact ${artifact.id} is a ${artifact.portType}, not a Model.`);
  const model = await readModel(db, blobs, artifact.id);
  try {
    checkModelArtifact(model);
  } catch (error) {
    if (error instanceof InvalidModelError) throw new DomainError("unprocessable", `This model cannot be deployed: ${error.message}`);
    throw error;
  }
  return { artifact, model };
}

export async function createModelVersion(
  db: Db,
  blobs: BlobStore,
  input: { projectId: string; deploymentId: string; artifactId: string; registeredVersionId?: string },
) {
  const { artifact, model } = await readDeployableModel(db, blobs, input.projectId, input.artifactId);
  const signature = signatureOf(model);
  const train = await trainingTable(db, blobs, artifact.id);
  const profile = train ? profileTable(train, signature) : {};
  const last = await db.modelVersion.findFirst({ where: { deploymentId: input.deploymentId }, orderBy: { number: "desc" } });
  const version = await db.modelVersion.create({
    data: {
      deploymentId: input.deploymentId,
      number: (last?.number ?? 0) + 1,
      artifactId: artifact.id,
      metrics: JSON.stringify(await metricsSnapshot(db, artifact.id)),
      signature: JSON.stringify(signature),
      trainingProfile: JSON.stringify(profile),
      registeredVersionId: input.registeredVersionId ?? null,
    },
  });
  await loadModelVersion(db, blobs, version.id);
  return version;
}
