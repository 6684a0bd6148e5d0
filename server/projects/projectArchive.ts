/**
 * The project archive (`<name>-<date>.vajra.tar.gz`): one project as a gzip-compressed tar, for
 * backups and for moving a project between servers (e.g. from the SQLite version to PostgreSQL).
 *
 * Entries, in this order:
 * - `manifest.json` first: `projectManifestSchema` below, the project's rows as JSON. Ids in it are
 *   the exporting server's; they only name references inside the archive (a Load node's
 *   `dataset:<id>`, a run's pinned versions, a deployment's model) and the importer gives every row
 *   a new one.
 * - `blobs/<sha256>`: each dataset file and stored artifact once, named by the SHA-256 of its bytes.
 *
 * Nothing else may be in the archive: no folders, links or other names. The importer checks each
 * blob's bytes against its name and every reference against the manifest before it writes a row.
 */
import { z } from "zod";
import { cellOrderSchema, cellSchema } from "@/contracts/notebookCells";
import { finishedRunStatusSchema, runStatusSchema } from "@/contracts/runStatus";
import { runTargetSchema } from "@/contracts/runTarget";
import { storedGraphSchema } from "@/contracts/storedGraph";
import { PORT_TYPES } from "@/pipeline/spec/portTypes";
import { pipelineSpecSchema } from "@/pipeline/spec/spec";
import { fileNameSchema } from "../datasets/datasetVersions";
import { storedTableSchema } from "../datasets/storedSchema";
import { deploymentLimitsSchema } from "../deployments/deploymentLimits";
import { modelSignatureSchema } from "../deployments/signature";
import { trainingProfileSchema } from "../deployments/trainingProfile";
import { datasetPinsSchema } from "../runs/datasetPins";
import { runErrorSchema } from "../runs/runEventSchema";

export const ARCHIVE_FORMAT = "vajra-project-archive";
export const ARCHIVE_VERSION = 1;
export const MANIFEST_ENTRY = "manifest.json";
const BLOB_ENTRY = /^blobs\/([0-9a-f]{64})$/;

export function blobEntryName(sha256: string): string {
  return `blobs/${sha256}`;
}

/** The content hash a blob entry is named by, or null when the name is not one. */
export function blobEntryHash(name: string): string | null {
  return BLOB_ENTRY.exec(name)?.[1] ?? null;
}

const key = z.string().min(1).max(200);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { message: "Not a SHA-256 hex digest." });
const timestamp = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative();
const versionNumber = z.number().int().positive();
const name = z.string().trim().min(1).max(100);
export const metricsSchema = z.record(z.string(), z.number());
const metrics = metricsSchema;
export const portTypeSchema = z.enum(PORT_TYPES);
/** As detected at upload. */
export const datasetFormatSchema = z.enum(["csv", "json", "jsonl", "parquet"]);

export const pipelineVersionEntrySchema = z.object({
  number: versionNumber,
  graph: storedGraphSchema,
  /** Null when the graph had compile errors when it was saved. */
  spec: pipelineSpecSchema.nullable(),
  parentNumber: versionNumber.nullable(),
  message: z.string().max(10_000),
  createdAt: timestamp,
});

export const pipelineEntrySchema = z.object({
  key,
  name,
  createdAt: timestamp,
  versions: z.array(pipelineVersionEntrySchema).max(100_000),
  /** The exporting user's own unsaved draft; other people's drafts stay theirs. */
  draft: z.object({ graph: storedGraphSchema, baseVersionNumber: versionNumber.nullable() }).nullable(),
});

export const datasetVersionEntrySchema = z.object({
  key,
  number: versionNumber,
  fileName: fileNameSchema,
  format: datasetFormatSchema,
  schema: storedTableSchema,
  rowCount: count,
  columnCount: count,
  bytes: count,
  /** SHA-256 of the file: its blob entry's name. */
  contentHash: sha256,
  createdAt: timestamp,
});

export const datasetEntrySchema = z.object({
  key,
  name: z.string().trim().min(1).max(100),
  createdAt: timestamp,
  versions: z.array(datasetVersionEntrySchema).min(1).max(100_000),
});

export const notebookEntrySchema = z.object({
  name,
  cellOrder: cellOrderSchema,
  cells: z.array(cellSchema).max(10_000),
  createdAt: timestamp,
});

export const stepEntrySchema = z.object({
  nodeId: z.string().min(1).max(200),
  kind: z.string().min(1).max(200),
  fingerprint: z.string().max(200),
  cacheHit: z.boolean(),
  status: runStatusSchema,
  startedAt: timestamp,
  finishedAt: timestamp.nullable(),
  durationMs: z.number().nonnegative().nullable(),
  metrics,
  logs: z.string().max(10_000_000),
  error: z.string().max(100_000).nullable(),
});

/** A finished run that trained an exported model: which version and dataset versions made it, and its steps' metrics. */
export const runEntrySchema = z.object({
  key,
  pipelineKey: key,
  versionNumber,
  target: runTargetSchema,
  status: finishedRunStatusSchema,
  targetNodeId: z.string().max(200).nullable(),
  /** Absent from archives written before runs could ignore the cache. */
  ignoreCache: z.boolean().default(false),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
  error: runErrorSchema.nullable(),
  /** Dataset reference → pinned version key (a dataset version of this archive, or none for samples). */
  datasetPins: datasetPinsSchema,
  backend: z.string().max(100).nullable(),
  steps: z.array(stepEntrySchema).max(10_000),
});

/** A Model artifact, or a table / split a model was fitted on (kept so a new deployment gets a drift profile). */
export const artifactEntrySchema = z.object({
  key,
  portType: portTypeSchema,
  /** The engine's hash of the value (Artifact.contentHash), not of the stored bytes. */
  contentHash: z.string().min(1).max(200),
  /** SHA-256 of the stored bytes: its blob entry's name. */
  blob: sha256,
  bytes: count,
  nodeId: z.string().min(1).max(200),
  port: z.string().min(1).max(200),
  fingerprint: z.string().min(1).max(200),
  producedBy: z.object({ runKey: key, nodeId: z.string().min(1).max(200) }).nullable(),
  inputs: z.array(z.object({ port: z.string().min(1).max(200), artifactKey: key })).max(1000),
  createdAt: timestamp,
});

/** A deployment's configuration and model versions; never its keys, requests or samples. It is imported stopped. */
export const deploymentEntrySchema = z.object({
  name: z.string().trim().min(1).max(80),
  public: z.boolean(),
  ...deploymentLimitsSchema.shape,
  versions: z
    .array(
      z.object({
        number: versionNumber,
        artifactKey: key,
        metrics,
        signature: modelSignatureSchema,
        trainingProfile: trainingProfileSchema,
        createdAt: timestamp,
      }),
    )
    .max(10_000),
  currentVersionNumber: versionNumber.nullable(),
  previousVersionNumber: versionNumber.nullable(),
  createdAt: timestamp,
});

export const projectManifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_VERSION),
  appVersion: z.string().max(100),
  exportedAt: timestamp,
  project: z.object({ name: z.string().trim().min(1).max(100), description: z.string().max(2000) }),
  pipelines: z.array(pipelineEntrySchema).max(10_000),
  datasets: z.array(datasetEntrySchema).max(10_000),
  notebooks: z.array(notebookEntrySchema).max(10_000),
  runs: z.array(runEntrySchema).max(100_000),
  artifacts: z.array(artifactEntrySchema).max(100_000),
  deployments: z.array(deploymentEntrySchema).max(10_000),
});

export type ProjectManifest = z.infer<typeof projectManifestSchema>;

function duplicates(values: Iterable<string | number>): (string | number)[] {
  const seen = new Set<string | number>();
  const repeated = new Set<string | number>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

/**
 * What the schema cannot say: every reference inside the manifest names something in it, and keys
 * and numbers are unique where the database needs them to be. Problems in words, empty when none.
 */
export function manifestReferenceProblems(manifest: ProjectManifest): string[] {
  const problems: string[] = [];
  const unique = (what: string, values: Iterable<string | number>) => {
    for (const value of duplicates(values)) problems.push(`${what} "${value}" appears more than once.`);
  };
  const pipelines = new Map(manifest.pipelines.map((p) => [p.key, p]));
  unique(
    "Pipeline key",
    manifest.pipelines.map((p) => p.key),
  );
  for (const pipeline of manifest.pipelines) {
    const numbers = new Set(pipeline.versions.map((v) => v.number));
    unique(
      `Version number of pipeline "${pipeline.name}"`,
      pipeline.versions.map((v) => v.number),
    );
    for (const version of pipeline.versions) {
      if (version.parentNumber !== null && !numbers.has(version.parentNumber))
        problems.push(`Pipeline "${pipeline.name}" version ${version.number} names a parent version ${version.parentNumber} that is not in the archive.`);
    }
    const base = pipeline.draft?.baseVersionNumber;
    if (base != null && !numbers.has(base)) problems.push(`The draft of pipeline "${pipeline.name}" starts from version ${base}, which is not in the archive.`);
  }
  unique(
    "Dataset key",
    manifest.datasets.map((d) => d.key),
  );
  unique(
    "Dataset name",
    manifest.datasets.map((d) => d.name),
  );
  const datasetVersions = new Set(manifest.datasets.flatMap((d) => d.versions.map((v) => v.key)));
  unique(
    "Dataset version key",
    manifest.datasets.flatMap((d) => d.versions.map((v) => v.key)),
  );
  for (const dataset of manifest.datasets)
    unique(
      `Version number of dataset "${dataset.name}"`,
      dataset.versions.map((v) => v.number),
    );
  for (const notebook of manifest.notebooks)
    unique(
      `Cell id of notebook "${notebook.name}"`,
      notebook.cells.map((c) => c.id),
    );

  const runs = new Map(manifest.runs.map((r) => [r.key, r]));
  unique(
    "Run key",
    manifest.runs.map((r) => r.key),
  );
  for (const run of manifest.runs) {
    const pipeline = pipelines.get(run.pipelineKey);
    if (!pipeline) problems.push(`Run "${run.key}" names pipeline "${run.pipelineKey}", which is not in the archive.`);
    else if (!pipeline.versions.some((v) => v.number === run.versionNumber))
      problems.push(`Run "${run.key}" ran version ${run.versionNumber} of pipeline "${pipeline.name}", which is not in the archive.`);
    for (const [reference, pin] of Object.entries(run.datasetPins)) {
      if (pin.versionId !== undefined && !datasetVersions.has(pin.versionId))
        problems.push(`Run "${run.key}" pins ${reference} to a dataset version that is not in the archive.`);
    }
    unique(
      `Step of run "${run.key}"`,
      run.steps.map((s) => s.nodeId),
    );
  }

  const artifacts = new Map(manifest.artifacts.map((a) => [a.key, a]));
  unique(
    "Artifact key",
    manifest.artifacts.map((a) => a.key),
  );
  unique(
    "Artifact fingerprint and port",
    manifest.artifacts.map((a) => `${a.fingerprint}:${a.port}`),
  );
  for (const artifact of manifest.artifacts) {
    const producer = artifact.producedBy;
    if (producer !== null && !runs.get(producer.runKey)?.steps.some((s) => s.nodeId === producer.nodeId))
      problems.push(`Artifact "${artifact.key}" was produced by a step that is not in the archive.`);
    unique(
      `Input port of artifact "${artifact.key}"`,
      artifact.inputs.map((i) => i.port),
    );
    for (const input of artifact.inputs) {
      if (!artifacts.has(input.artifactKey)) problems.push(`Artifact "${artifact.key}" was computed from an artifact that is not in the archive.`);
    }
  }
  for (const deployment of manifest.deployments) {
    const numbers = new Set(deployment.versions.map((v) => v.number));
    unique(
      `Version number of deployment "${deployment.name}"`,
      deployment.versions.map((v) => v.number),
    );
    for (const version of deployment.versions) {
      if (artifacts.get(version.artifactKey)?.portType !== "Model")
        problems.push(`Deployment "${deployment.name}" version ${version.number} serves a model that is not in the archive.`);
    }
    for (const number of [deployment.currentVersionNumber, deployment.previousVersionNumber]) {
      if (number !== null && !numbers.has(number)) problems.push(`Deployment "${deployment.name}" names version ${number}, which is not in the archive.`);
    }
  }
  return [...problems, ...blobSizeProblems(manifest)];
}

/** Every blob the manifest needs, by SHA-256, with the size its rows say it has. */
export function manifestBlobs(manifest: ProjectManifest): Map<string, number> {
  const blobs = new Map<string, number>();
  for (const dataset of manifest.datasets) for (const version of dataset.versions) blobs.set(version.contentHash, version.bytes);
  for (const artifact of manifest.artifacts) blobs.set(artifact.blob, artifact.bytes);
  return blobs;
}

/** Rows that say different sizes for the same bytes: one of them is wrong. */
function blobSizeProblems(manifest: ProjectManifest): string[] {
  const sizes = new Map<string, number>();
  const problems: string[] = [];
  const claim = (sha256: string, bytes: number) => {
    const earlier = sizes.get(sha256);
    if (earlier !== undefined && earlier !== bytes) problems.push(`Blob ${sha256} is given two different sizes.`);
    sizes.set(sha256, bytes);
  };
  for (const dataset of manifest.datasets) for (const version of dataset.versions) claim(version.contentHash, version.bytes);
  for (const artifact of manifest.artifacts) claim(artifact.blob, artifact.bytes);
  return problems;
}
