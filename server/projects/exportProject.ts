import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import { pack as tarPack, type Pack } from "tar-stream";
import type { z } from "zod";
import { storedGraphSchema } from "@/contracts/storedGraph";
import { cellKindSchema, cellOrderSchema, cellOutputSchema } from "@/contracts/notebookCells";
import { finishedRunStatusSchema, isFinished, runStatusSchema } from "@/contracts/runStatus";
import { runTargetSchema } from "@/contracts/runTarget";
import { pipelineSpecSchema } from "@/pipeline/spec/spec";
import packageJson from "../../package.json";
import type { BlobStore } from "../artifacts/blobStore";
import { storedTableSchema } from "../datasets/storedSchema";
import type { Db } from "../db";
import { modelSignatureSchema } from "../deployments/signature";
import { trainingProfileSchema } from "../deployments/trainingProfile";
import { DomainError } from "../errors/domainError";
import { datasetPinsSchema } from "../runs/datasetPins";
import { runErrorSchema } from "../runs/runEventSchema";
import { drained } from "./drained";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  blobEntryName,
  datasetFormatSchema,
  MANIFEST_ENTRY,
  manifestBlobs,
  manifestReferenceProblems,
  metricsSchema,
  portTypeSchema,
  projectManifestSchema,
  type ProjectManifest,
} from "./projectArchive";

/** A stored value read through the archive's schema, so what is exported is what the import accepts. */
function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw unexportable(what);
  return parsed.data;
}

/** A stored JSON column, likewise. */
function readStored<T>(schema: z.ZodType<T>, json: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw unexportable(what);
  }
  return checked(schema, value, what);
}

function unexportable(what: string): DomainError {
  return new DomainError("unprocessable", `${what} is stored in a form this version cannot export.`);
}

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date === null ? null : date.toISOString());

/**
 * The project's rows as the archive's manifest: pipelines with every version (and the exporter's
 * own draft), datasets with every version, notebooks, Model artifacts with the table or split each
 * was fitted on and the finished runs that trained them, deployments without keys or traffic.
 */
export async function projectManifest(db: Db, projectId: string, exporterId: string): Promise<ProjectManifest> {
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId } });
  // Deployments first and artifacts after: a model deployed meanwhile is still found below.
  const deployments = await db.deployment.findMany({
    where: { projectId },
    include: { versions: { orderBy: { number: "asc" } } },
    orderBy: { createdAt: "asc" },
  });
  const deployed = deployments.flatMap((d) => d.versions.map((v) => v.artifactId));
  const artifactInclude = { inputs: { select: { port: true, inputId: true } }, producedBy: { select: { runId: true, nodeId: true } } } as const;
  const models = await db.artifact.findMany({
    where: { projectId, OR: [{ portType: "Model" }, { id: { in: deployed } }] },
    include: artifactInclude,
    orderBy: { createdAt: "asc" },
  });
  const modelIds = new Set(models.map((m) => m.id));
  const trainingIds = [...new Set(models.flatMap((m) => m.inputs.map((i) => i.inputId)))].filter((id) => !modelIds.has(id));
  const training = await db.artifact.findMany({ where: { projectId, id: { in: trainingIds } }, include: artifactInclude, orderBy: { createdAt: "asc" } });
  const artifacts = [...models, ...training];
  const runIds = [...new Set(artifacts.flatMap((a) => (a.producedBy ? [a.producedBy.runId] : [])))];
  const runs = (await db.run.findMany({ where: { projectId, id: { in: runIds } }, include: { steps: true }, orderBy: { createdAt: "asc" } })).filter((run) =>
    isFinished(run.status),
  );
  const exportedRuns = new Set(runs.map((r) => r.id));
  const pipelines = await db.pipeline.findMany({
    where: { projectId },
    include: { versions: { orderBy: { number: "asc" } }, drafts: { where: { userId: exporterId } } },
    orderBy: { createdAt: "asc" },
  });
  const versionNumbers = new Map(pipelines.flatMap((p) => p.versions.map((v) => [v.id, v.number] as const)));
  const datasets = await db.dataset.findMany({ where: { projectId }, include: { versions: { orderBy: { number: "asc" } } }, orderBy: { createdAt: "asc" } });
  const notebooks = await db.notebook.findMany({ where: { projectId }, include: { cells: true }, orderBy: { createdAt: "asc" } });

  const manifest: ProjectManifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_VERSION,
    appVersion: packageJson.version,
    exportedAt: new Date().toISOString(),
    project: { name: project.name, description: project.description },
    pipelines: pipelines.map((pipeline) => {
      const draft = pipeline.drafts[0];
      return {
        key: pipeline.id,
        name: pipeline.name,
        createdAt: iso(pipeline.createdAt),
        versions: pipeline.versions.map((version) => {
          const what = `Version ${version.number} of pipeline "${pipeline.name}"`;
          return {
            number: version.number,
            graph: readStored(storedGraphSchema, version.graph, what),
            spec: version.spec === null ? null : readStored(pipelineSpecSchema, version.spec, what),
            parentNumber: version.parentId === null ? null : (versionNumbers.get(version.parentId) ?? null),
            message: version.message,
            createdAt: iso(version.createdAt),
          };
        }),
        draft: draft
          ? {
              graph: readStored(storedGraphSchema, draft.graph, `Your draft of pipeline "${pipeline.name}"`),
              baseVersionNumber: draft.baseVersionId === null ? null : (versionNumbers.get(draft.baseVersionId) ?? null),
            }
          : null,
      };
    }),
    datasets: datasets
      .filter((dataset) => dataset.versions.length > 0)
      .map((dataset) => ({
        key: dataset.id,
        name: dataset.name,
        createdAt: iso(dataset.createdAt),
        versions: dataset.versions.map((version) => ({
          key: version.id,
          number: version.number,
          fileName: version.fileName,
          format: checked(datasetFormatSchema, version.format, `Dataset "${dataset.name}"`),
          schema: readStored(storedTableSchema, version.schema, `Version ${version.number} of dataset "${dataset.name}"`),
          rowCount: version.rowCount,
          columnCount: version.columnCount,
          bytes: version.bytes,
          contentHash: version.contentHash,
          createdAt: iso(version.createdAt),
        })),
      })),
    notebooks: notebooks.map((notebook) => {
      const what = `Notebook "${notebook.name}"`;
      return {
        name: notebook.name,
        cellOrder: readStored(cellOrderSchema, notebook.cellOrder, what),
        cells: notebook.cells.map((cell) => ({
          id: cell.id,
          kind: checked(cellKindSchema, cell.kind, what),
          source: cell.source,
          outputs: readStored(cellOutputSchema.array(), cell.outputs, what),
          executionCount: cell.executionCount,
        })),
        createdAt: iso(notebook.createdAt),
      };
    }),
    runs: runs.map((run) => {
      const what = `Run ${run.id}`;
      return {
        key: run.id,
        pipelineKey: run.pipelineId,
        versionNumber: versionNumbers.get(run.pipelineVersionId) ?? 0,
        target: checked(runTargetSchema, run.target, what),
        status: checked(finishedRunStatusSchema, run.status, what),
        targetNodeId: run.targetNodeId,
        ignoreCache: run.ignoreCache,
        createdAt: iso(run.createdAt),
        startedAt: isoOrNull(run.startedAt),
        finishedAt: isoOrNull(run.finishedAt),
        error: run.error === null ? null : readStored(runErrorSchema, run.error, what),
        datasetPins: readStored(datasetPinsSchema, run.datasetVersions, what),
        backend: run.backend,
        steps: run.steps.map((step) => ({
          nodeId: step.nodeId,
          kind: step.kind,
          fingerprint: step.fingerprint,
          cacheHit: step.cacheHit,
          status: checked(runStatusSchema, step.status, what),
          startedAt: iso(step.startedAt),
          finishedAt: isoOrNull(step.finishedAt),
          durationMs: step.durationMs,
          metrics: readStored(metricsSchema, step.metrics, what),
          logs: step.logs,
          error: step.error,
        })),
      };
    }),
    artifacts: artifacts.map((artifact) => ({
      key: artifact.id,
      portType: checked(portTypeSchema, artifact.portType, `Artifact ${artifact.id}`),
      contentHash: artifact.contentHash,
      blob: artifact.storageKey,
      bytes: artifact.bytes,
      nodeId: artifact.nodeId,
      port: artifact.port,
      fingerprint: artifact.fingerprint,
      producedBy:
        artifact.producedBy && exportedRuns.has(artifact.producedBy.runId) ? { runKey: artifact.producedBy.runId, nodeId: artifact.producedBy.nodeId } : null,
      // Only a model's edges: the tables it was fitted on are kept, what they came from is not.
      inputs: modelIds.has(artifact.id) ? artifact.inputs.map((input) => ({ port: input.port, artifactKey: input.inputId })) : [],
      createdAt: iso(artifact.createdAt),
    })),
    deployments: deployments.map((deployment) => {
      const numbers = new Map(deployment.versions.map((v) => [v.id, v.number]));
      const what = `Deployment "${deployment.name}"`;
      return {
        name: deployment.name,
        public: deployment.public,
        maxInstances: deployment.maxInstances,
        maxBodyBytes: deployment.maxBodyBytes,
        rateLimitPerSecond: deployment.rateLimitPerSecond,
        rateLimitBurst: deployment.rateLimitBurst,
        versions: deployment.versions.map((version) => ({
          number: version.number,
          artifactKey: version.artifactId,
          metrics: readStored(metricsSchema, version.metrics, what),
          signature: readStored(modelSignatureSchema, version.signature, what),
          trainingProfile: readStored(trainingProfileSchema, version.trainingProfile, what),
          createdAt: iso(version.createdAt),
        })),
        currentVersionNumber: deployment.currentVersionId === null ? null : (numbers.get(deployment.currentVersionId) ?? null),
        previousVersionNumber: deployment.previousVersionId === null ? null : (numbers.get(deployment.previousVersionId) ?? null),
        createdAt: iso(deployment.createdAt),
      };
    }),
  };
  // The same checks the import makes: an archive this server writes is one it accepts.
  const parsed = projectManifestSchema.safeParse(manifest);
  const problems = parsed.success ? manifestReferenceProblems(parsed.data) : ["A row does not fit the archive format."];
  if (problems.length > 0) throw new DomainError("conflict", `The project changed while it was being exported (${problems[0]}). Export it again.`);
  return parsed.data!;
}

/** `<project name>-<yyyy-mm-dd>.vajra.tar.gz`, ASCII only (the header's filename* carries the real name). */
export function archiveFileName(projectName: string, date: Date): string {
  const base = projectName.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "") || "project";
  return `${base.slice(0, 80)}-${date.toISOString().slice(0, 10)}.vajra.tar.gz`;
}

type Sink = ReturnType<Pack["entry"]>;

/**
 * Adds an entry; `done` resolves once the pack's callback fires: the pack has taken the bytes, so a
 * slow download holds back the next blob. A pack destroyed meanwhile throws here, synchronously.
 */
function entryDone(pack: Pack, header: { name: string; size: number; mtime: Date }, bytes?: Uint8Array): { sink: Sink; done: Promise<void> } {
  let settle: (error?: Error | null) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });
  const entryHeader = { ...header, mode: 0o644 };
  const sink =
    bytes === undefined
      ? pack.entry(entryHeader, (error) => settle(error))
      : pack.entry(entryHeader, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (error) => settle(error));
  // A cancelled download destroys the entry with an AbortError: it reaches the producer through `done`
  // (when it gets that far) and the entry's callback, so neither may count as unhandled.
  sink.on("error", () => undefined);
  done.catch(() => undefined);
  return { sink, done };
}

/** Copies one blob from the store into the archive as it is read: never whole in memory. */
async function addBlob(pack: Pack, blobs: BlobStore, sha256: string, mtime: Date): Promise<void> {
  const blob = await blobs.open(sha256);
  if (pack.destroyed) {
    await blob.body.cancel();
    return;
  }
  const { sink, done } = entryDone(pack, { name: blobEntryName(sha256), size: blob.bytes, mtime });
  const reader = blob.body.getReader();
  try {
    for (;;) {
      const { done: read, value } = await reader.read();
      if (read || sink.destroyed) break;
      if (!sink.write(value)) await drained(sink);
    }
  } finally {
    reader.releaseLock();
  }
  // A cancelled download destroyed the entry: let go of the store's stream; `done` then rejects with why.
  if (sink.destroyed) await blob.body.cancel();
  else sink.end(undefined);
  await done;
}

/**
 * The archive as a stream: the manifest, then each blob streamed from the store one at a time,
 * gzip compressed as it goes. The caller checks the blobs exist first (missingBlobs), because once
 * the response has started a failure can only cut the download short, which the import refuses.
 */
export function projectArchiveStream(blobs: BlobStore, manifest: ProjectManifest): ReadableStream<Uint8Array> {
  const pack = tarPack();
  const gzip = createGzip();
  pack.pipe(gzip);
  pack.on("error", (error: Error) => gzip.destroy(error));
  // A cancelled download closes gzip; stop reading blobs for it.
  gzip.on("close", () => pack.destroy());
  // Cancelling destroys gzip with an AbortError that nobody else listens for: without this it would be an
  // uncaught exception in the web server. Other errors reach the download through the web stream as well.
  gzip.on("error", () => undefined);
  const mtime = new Date(manifest.exportedAt);
  void (async () => {
    const json = new TextEncoder().encode(JSON.stringify(manifest));
    await entryDone(pack, { name: MANIFEST_ENTRY, size: json.byteLength, mtime }, json).done;
    for (const sha256 of manifestBlobs(manifest).keys()) {
      if (pack.destroyed) return;
      await addBlob(pack, blobs, sha256, mtime);
    }
    pack.finalize();
  })().catch((error: unknown) => gzip.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(gzip) as ReadableStream<Uint8Array>;
}

/** Blobs the manifest names that the store does not have (a store damaged outside the app). */
export async function missingBlobs(blobs: BlobStore, manifest: ProjectManifest): Promise<string[]> {
  const missing: string[] = [];
  for (const sha256 of manifestBlobs(manifest).keys()) if (!(await blobs.has(sha256))) missing.push(sha256);
  return missing;
}
