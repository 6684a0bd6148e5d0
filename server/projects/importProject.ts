import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createGunzip } from "node:zlib";
import { extract as tarExtract, type Extract } from "tar-stream";
import { z } from "zod";
import type { StoredGraph } from "@/contracts/storedGraph";
import { checkModelArtifact, InvalidModelError } from "@/pipeline/model/modelArtifactCheck";
import { hashArtifactValue } from "@/pipeline/runtime/artifactHash";
import { schemaOf } from "@/pipeline/ml/table/table";
import { specHash } from "@/pipeline/spec/fingerprint";
import type { PipelineSpec } from "@/pipeline/spec/spec";
import { deserializeArtifact } from "../artifacts/artifactSerialization";
import type { BlobStore } from "../artifacts/blobStore";
import { MAX_DATASET_UPLOAD_BYTES } from "../datasets/datasetUploadHandler";
import { readDatasetFile } from "../datasets/datasetVersions";
import { PROJECT_DATASET_PREFIX } from "../datasets/projectDatasets";
import type { Db } from "../db";
import { slugFor } from "../deployments/deploymentSlug";
import { DomainError } from "../errors/domainError";
import { JsonDepthScanner } from "../http/jsonDepth";
import type { DatasetPins } from "../runs/datasetPins";
import { drained } from "./drained";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  blobEntryHash,
  MANIFEST_ENTRY,
  manifestBlobs,
  manifestReferenceProblems,
  projectManifestSchema,
  type ProjectManifest,
} from "./projectArchive";

export interface ImportLimits {
  /** Bytes after decompression, counted as they come out: a few KB of gzip can expand to gigabytes. */
  maxUnpackedBytes: number;
}

/** The manifest is read whole, so it has its own bound; rows are small, files are blobs. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** Graph params and notebook outputs nest a few levels inside the manifest's own. */
const MAX_MANIFEST_DEPTH = 80;
const IMPORTED_SUFFIX = " (imported)";
const MAX_PROJECT_NAME = 100;

function refused(message: string): DomainError {
  return new DomainError("invalid", message, { code: "INVALID_ARCHIVE" });
}

class UnpackedTooLarge extends DomainError {
  constructor(limit: number) {
    super("tooLarge", `The archive unpacks to more than ${Math.floor(limit / (1024 * 1024))} MiB, the limit for imports.`, { code: "ARCHIVE_TOO_LARGE" });
  }
}

/** What a failed read of the stream means to the user; our own refusals (and the body limit's) pass through. */
function streamFailure(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  return refused("The file is not a complete Vajra project archive (.vajra.tar.gz): it is damaged, cut short, or another kind of file.");
}

async function readEntry(entry: AsyncIterable<unknown>, size: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for await (const item of entry) {
    // tar-stream yields Buffers; its types say unknown.
    const chunk = item as Uint8Array;
    // The header said `size`; tar-stream yields exactly that many bytes or fails the stream.
    if (offset + chunk.byteLength > size) throw refused("An entry of the archive is longer than its header says.");
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  if (offset !== size) throw refused("An entry of the archive is cut short.");
  return bytes;
}

/**
 * An entry's bytes as a plain async iterable: iterating tar-stream's stream directly fails with the
 * archive (a cut-short upload), where Node's stream pipeline would wait on it forever.
 */
async function* chunksOf(entry: AsyncIterable<unknown>): AsyncGenerator<Uint8Array> {
  // tar-stream yields Buffers; its types say unknown.
  for await (const chunk of entry) yield chunk as Uint8Array;
}

function parseManifest(bytes: Uint8Array): ProjectManifest {
  // Nesting is bounded before anything parses or walks it (see jsonDepth.ts).
  if (new JsonDepthScanner(MAX_MANIFEST_DEPTH).push(bytes) !== null) throw refused(`manifest.json nests deeper than ${MAX_MANIFEST_DEPTH} levels.`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw refused("manifest.json is not valid JSON.");
  }
  const format = z.object({ format: z.literal(ARCHIVE_FORMAT), formatVersion: z.number() }).safeParse(json);
  if (!format.success) throw refused("manifest.json does not describe a Vajra project archive.");
  if (format.data.formatVersion !== ARCHIVE_VERSION)
    throw refused(`This archive has format version ${format.data.formatVersion}; this server reads version ${ARCHIVE_VERSION}.`);
  const parsed = projectManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refused(`manifest.json is not a valid project manifest: ${issue.message} at ${issue.path.join(".") || "the top level"}.`);
  }
  const problems = manifestReferenceProblems(parsed.data);
  if (problems.length > 0) throw refused(`manifest.json is inconsistent: ${problems[0]}`);
  return parsed.data;
}

/**
 * Reads the archive entry by entry: the manifest first, then each blob, checked against its name
 * and the manifest and written to the content-addressed store (a blob stored by a failed import is
 * only unreferenced bytes under their own hash). Returns the manifest and where each blob went,
 * once every blob the manifest names has arrived.
 */
async function readArchive(extract: Extract, blobs: BlobStore): Promise<{ manifest: ProjectManifest; storageKeys: Map<string, string> }> {
  let manifest: ProjectManifest | null = null;
  let needed = new Map<string, number>();
  const storageKeys = new Map<string, string>();
  const seen = new Set<string>();
  for await (const entry of extract) {
    const { name, type, size } = entry.header;
    // Names come from the file: cut to a readable length in messages.
    const shown = name.slice(0, 100);
    if (type !== "file") throw refused(`The archive entry "${shown}" is a ${type}; a project archive holds only files.`);
    if (seen.has(name)) throw refused(`The archive holds "${shown}" twice.`);
    seen.add(name);
    if (name === MANIFEST_ENTRY) {
      if (seen.size > 1) throw refused("manifest.json must be the archive's first entry.");
      if (size > MAX_MANIFEST_BYTES) throw refused("manifest.json is larger than 64 MiB.");
      manifest = parseManifest(await readEntry(entry, size));
      needed = manifestBlobs(manifest);
      continue;
    }
    const sha256 = blobEntryHash(name);
    if (sha256 === null) {
      const pathLike = name.includes("..") || name.startsWith("/") || name.includes("\\");
      throw refused(`The archive entry "${shown}" ${pathLike ? "is a path outside the archive" : "is not part of a project archive"}.`);
    }
    if (manifest === null) throw refused("manifest.json must be the archive's first entry.");
    const expected = needed.get(sha256);
    if (expected === undefined) throw refused(`The archive holds ${name}, which its manifest does not use.`);
    if (size !== expected) throw refused(`${name} is ${size} bytes; the manifest says ${expected}.`);
    // Streamed into the store, which hashes as it writes. Bytes that do not match the name stay
    // stored under their own hash, referenced by nothing: harmless, like any unused blob.
    const stored = await blobs.putStream(chunksOf(entry));
    if (stored.sha256 !== sha256 || stored.bytes !== size) throw refused(`The bytes of ${name} do not match its name: the archive is damaged or was altered.`);
    storageKeys.set(sha256, stored.key);
  }
  if (manifest === null) throw refused("The archive has no manifest.json.");
  const missing = [...needed.keys()].filter((sha256) => !storageKeys.has(sha256));
  if (missing.length > 0) throw refused(`The archive is missing ${missing.length} file(s) its manifest names (first: blobs/${missing[0]}).`);
  return { manifest, storageKeys };
}

/** Gunzips and untars the body, counting unpacked bytes; every failure becomes a DomainError. */
async function unpack(body: ReadableStream<Uint8Array>, blobs: BlobStore, limits: ImportLimits) {
  const extract = tarExtract();
  let unpacked = 0;
  // Kept here: the pipeline reports a consumer that stops early as an abort, not as this.
  let overLimit: UnpackedTooLarge | null = null;
  const stop = new AbortController();
  // Settles with the failure (or null), never rejects: it is awaited only after the entries are read.
  const feeding = pipeline(
    Readable.fromWeb(body as NodeReadableStream<Uint8Array>),
    createGunzip(),
    async function (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        unpacked += chunk.byteLength;
        if (unpacked > limits.maxUnpackedBytes) {
          overLimit = new UnpackedTooLarge(limits.maxUnpackedBytes);
          extract.destroy(overLimit);
          return;
        }
        if (!extract.write(chunk)) await drained(extract);
        if (extract.destroyed) return;
      }
      extract.end(undefined);
    },
    { signal: stop.signal },
  ).then(
    () => null,
    (error: unknown) => {
      extract.destroy(error instanceof Error ? error : new Error(String(error)));
      return error;
    },
  );
  let result: Awaited<ReturnType<typeof readArchive>>;
  try {
    result = await readArchive(extract, blobs);
  } catch (error) {
    // An entry was refused: stop reading the upload. When the stream failed first (body or unpacked limit), that is the cause.
    stop.abort();
    const fed = await feeding;
    throw streamFailure(overLimit ?? (fed instanceof DomainError ? fed : error));
  }
  const fed = await feeding;
  if (overLimit !== null || fed !== null) throw streamFailure(overLimit ?? fed);
  return result;
}

/** What an imported dataset version's row says about its file, read from the file itself. */
interface ReadDatasetVersion {
  format: string;
  schema: string;
  rowCount: number;
  columnCount: number;
}

/**
 * Each dataset file is read as an upload is (size, readable, shape limits), and its schema and
 * counts come from that read rather than from the manifest: Load and the canvas trust them.
 */
async function readDatasets(blobs: BlobStore, manifest: ProjectManifest, storageKeys: Map<string, string>): Promise<Map<string, ReadDatasetVersion>> {
  const read = new Map<string, ReadDatasetVersion>();
  for (const dataset of manifest.datasets) {
    for (const version of dataset.versions) {
      const what = `Version ${version.number} of dataset "${dataset.name}"`;
      if (version.bytes > MAX_DATASET_UPLOAD_BYTES) throw new DomainError("unprocessable", `${what} is larger than an upload may be.`);
      try {
        const { format, table } = await readDatasetFile(version.fileName, await blobs.get(storageKeys.get(version.contentHash)!));
        read.set(version.key, { format, schema: JSON.stringify(schemaOf(table)), rowCount: table.rowCount, columnCount: table.columns.length });
      } catch (error) {
        if (error instanceof DomainError) throw new DomainError(error.kind, `${what}: ${error.message}`);
        throw error;
      }
    }
  }
  return read;
}

/**
 * Stored artifacts are engine values the server decodes (models when serving, splits for drift), so
 * an imported one is held to what a browser run's upload is: it decodes, matches its content hash,
 * and a model passes the whole-model check (tree links, feature indexes, weight shapes).
 */
async function verifyArtifacts(blobs: BlobStore, manifest: ProjectManifest, storageKeys: Map<string, string>): Promise<void> {
  for (const artifact of manifest.artifacts) {
    const what = `Artifact "${artifact.key}" (${artifact.portType} of node "${artifact.nodeId}")`;
    let value: unknown;
    try {
      value = deserializeArtifact(await blobs.get(storageKeys.get(artifact.blob)!));
    } catch {
      throw new DomainError("unprocessable", `${what} is not a value this server can read.`);
    }
    if (hashArtifactValue(value) !== artifact.contentHash) throw new DomainError("unprocessable", `${what} does not match its content hash.`);
    if (artifact.portType !== "Model") continue;
    try {
      checkModelArtifact(value);
    } catch (error) {
      if (error instanceof InvalidModelError) throw new DomainError("unprocessable", `${what} is not a usable model: ${error.message}`);
      throw error;
    }
  }
}

/** Replaces `dataset:<archive id>` strings anywhere in node params by the imported dataset's reference. */
function rewriteReferences<T>(value: T, datasetIds: Map<string, string>): T {
  if (typeof value === "string" && value.startsWith(PROJECT_DATASET_PREFIX)) {
    const id = datasetIds.get(value.slice(PROJECT_DATASET_PREFIX.length));
    return (id === undefined ? value : `${PROJECT_DATASET_PREFIX}${id}`) as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => rewriteReferences(item, datasetIds)) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewriteReferences(item, datasetIds)])) as T;
  }
  return value;
}

function rewriteGraph(graph: StoredGraph, datasetIds: Map<string, string>): StoredGraph {
  return { ...graph, nodes: graph.nodes.map((node) => ({ ...node, params: rewriteReferences(node.params, datasetIds) })) };
}

function rewriteSpec(spec: PipelineSpec, datasetIds: Map<string, string>): PipelineSpec {
  return { ...spec, nodes: spec.nodes.map((node) => ({ ...node, params: rewriteReferences(node.params, datasetIds) })) };
}

/** The project's name, marked when the importer already has one by that name (e.g. restoring next to the original). */
async function importedName(db: Db, userId: string, name: string): Promise<string> {
  const taken = await db.project.findFirst({ where: { name, memberships: { some: { userId } } }, select: { id: true } });
  return taken === null ? name : `${name.slice(0, MAX_PROJECT_NAME - IMPORTED_SUFFIX.length).trimEnd()}${IMPORTED_SUFFIX}`;
}

/** All rows in one transaction: an import that fails at any row leaves no project behind. */
async function createRows(db: Db, userId: string, manifest: ProjectManifest, storageKeys: Map<string, string>, datasetFiles: Map<string, ReadDatasetVersion>) {
  const name = await importedName(db, userId, manifest.project.name);
  const storageKey = (sha256: string) => storageKeys.get(sha256)!;
  const date = (iso: string) => new Date(iso);
  const dateOrNull = (iso: string | null) => (iso === null ? null : new Date(iso));
  return db.$transaction(
    async (tx) => {
      const project = await tx.project.create({
        data: { name, description: manifest.project.description, memberships: { create: { userId, role: "owner" } } },
        select: { id: true, name: true },
      });
      const projectId = project.id;

      const datasetIds = new Map<string, string>();
      const datasetVersionIds = new Map<string, string>();
      for (const dataset of manifest.datasets) {
        const created = await tx.dataset.create({
          data: {
            projectId,
            name: dataset.name,
            createdAt: date(dataset.createdAt),
            versions: {
              create: dataset.versions.map((version) => ({
                number: version.number,
                contentHash: version.contentHash,
                storageKey: storageKey(version.contentHash),
                fileName: version.fileName,
                ...datasetFiles.get(version.key)!,
                bytes: version.bytes,
                createdById: userId,
                createdAt: date(version.createdAt),
              })),
            },
          },
          select: { id: true, versions: { select: { id: true, number: true } } },
        });
        datasetIds.set(dataset.key, created.id);
        for (const version of dataset.versions) datasetVersionIds.set(version.key, created.versions.find((v) => v.number === version.number)!.id);
      }

      const pipelineVersionIds = new Map<string, Map<number, string>>();
      const pipelineIds = new Map<string, string>();
      for (const pipeline of manifest.pipelines) {
        const created = await tx.pipeline.create({ data: { projectId, name: pipeline.name, createdAt: date(pipeline.createdAt) }, select: { id: true } });
        pipelineIds.set(pipeline.key, created.id);
        const ids = new Map<number, string>();
        pipelineVersionIds.set(pipeline.key, ids);
        const sorted = [...pipeline.versions].sort((a, b) => a.number - b.number);
        for (const version of sorted) {
          const spec = version.spec === null ? null : rewriteSpec(version.spec, datasetIds);
          const row = await tx.pipelineVersion.create({
            data: {
              pipelineId: created.id,
              number: version.number,
              graph: JSON.stringify(rewriteGraph(version.graph, datasetIds)),
              spec: spec === null ? null : JSON.stringify(spec),
              specHash: spec === null ? null : specHash(spec),
              parentId: version.parentNumber === null ? null : (ids.get(version.parentNumber) ?? null),
              authorId: userId,
              message: version.message,
              createdAt: date(version.createdAt),
            },
            select: { id: true },
          });
          ids.set(version.number, row.id);
        }
        // A parent is an earlier number in practice; one that is not is linked once it exists.
        for (const version of sorted) {
          if (version.parentNumber !== null && version.parentNumber >= version.number)
            await tx.pipelineVersion.update({ where: { id: ids.get(version.number)! }, data: { parentId: ids.get(version.parentNumber)! } });
        }
        if (pipeline.draft !== null) {
          const base = pipeline.draft.baseVersionNumber;
          await tx.pipelineDraft.create({
            data: {
              pipelineId: created.id,
              userId,
              graph: JSON.stringify(rewriteGraph(pipeline.draft.graph, datasetIds)),
              baseVersionId: base === null ? null : ids.get(base)!,
            },
          });
        }
      }

      for (const notebook of manifest.notebooks) {
        await tx.notebook.create({
          data: {
            projectId,
            name: notebook.name,
            cellOrder: JSON.stringify(notebook.cellOrder),
            createdAt: date(notebook.createdAt),
            cells: {
              create: notebook.cells.map((cell) => ({
                id: cell.id,
                kind: cell.kind,
                source: cell.source,
                outputs: JSON.stringify(cell.outputs),
                executionCount: cell.executionCount,
              })),
            },
          },
        });
      }

      const stepIds = new Map<string, string>();
      for (const run of manifest.runs) {
        const pins: DatasetPins = {};
        for (const [reference, pin] of Object.entries(run.datasetPins)) {
          pins[rewriteReferences(reference, datasetIds)] = {
            ...(pin.versionId === undefined ? {} : { versionId: datasetVersionIds.get(pin.versionId)! }),
            ...(pin.contentHash === undefined ? {} : { contentHash: pin.contentHash }),
          };
        }
        const created = await tx.run.create({
          data: {
            projectId,
            pipelineId: pipelineIds.get(run.pipelineKey)!,
            pipelineVersionId: pipelineVersionIds.get(run.pipelineKey)!.get(run.versionNumber)!,
            target: run.target,
            status: run.status,
            targetNodeId: run.targetNodeId,
            ignoreCache: run.ignoreCache,
            startedById: userId,
            createdAt: date(run.createdAt),
            startedAt: dateOrNull(run.startedAt),
            finishedAt: dateOrNull(run.finishedAt),
            error: run.error === null ? null : JSON.stringify(run.error),
            datasetVersions: JSON.stringify(pins),
            backend: run.backend,
            steps: {
              create: run.steps.map((step) => ({
                nodeId: step.nodeId,
                kind: step.kind,
                fingerprint: step.fingerprint,
                cacheHit: step.cacheHit,
                status: step.status,
                startedAt: date(step.startedAt),
                finishedAt: dateOrNull(step.finishedAt),
                durationMs: step.durationMs,
                metrics: JSON.stringify(step.metrics),
                logs: step.logs,
                error: step.error,
              })),
            },
          },
          select: { steps: { select: { id: true, nodeId: true } } },
        });
        for (const step of created.steps) stepIds.set(`${run.key}\u0000${step.nodeId}`, step.id);
      }

      const artifactIds = new Map<string, string>();
      for (const artifact of manifest.artifacts) {
        const created = await tx.artifact.create({
          data: {
            projectId,
            portType: artifact.portType,
            contentHash: artifact.contentHash,
            storageKey: storageKey(artifact.blob),
            bytes: artifact.bytes,
            nodeId: artifact.nodeId,
            port: artifact.port,
            fingerprint: artifact.fingerprint,
            producedById: artifact.producedBy === null ? null : stepIds.get(`${artifact.producedBy.runKey}\u0000${artifact.producedBy.nodeId}`)!,
            createdAt: date(artifact.createdAt),
          },
          select: { id: true },
        });
        artifactIds.set(artifact.key, created.id);
      }
      const edges = manifest.artifacts.flatMap((artifact) =>
        artifact.inputs.map((input) => ({ artifactId: artifactIds.get(artifact.key)!, inputId: artifactIds.get(input.artifactKey)!, port: input.port })),
      );
      if (edges.length > 0) await tx.artifactInput.createMany({ data: edges });

      for (const deployment of manifest.deployments) {
        const created = await tx.deployment.create({
          data: {
            projectId,
            name: deployment.name,
            slug: slugFor(deployment.name),
            // Stopped, with no key: the owner decides when the copy serves, and with which key.
            status: "stopped",
            public: deployment.public,
            maxInstances: deployment.maxInstances,
            maxBodyBytes: deployment.maxBodyBytes,
            rateLimitPerSecond: deployment.rateLimitPerSecond,
            rateLimitBurst: deployment.rateLimitBurst,
            createdAt: date(deployment.createdAt),
            versions: {
              create: deployment.versions.map((version) => ({
                number: version.number,
                artifactId: artifactIds.get(version.artifactKey)!,
                metrics: JSON.stringify(version.metrics),
                signature: JSON.stringify(version.signature),
                trainingProfile: JSON.stringify(version.trainingProfile),
                createdAt: date(version.createdAt),
              })),
            },
          },
          select: { id: true, versions: { select: { id: true, number: true } } },
        });
        const versionId = (number: number | null) => (number === null ? null : created.versions.find((v) => v.number === number)!.id);
        await tx.deployment.update({
          where: { id: created.id },
          data: { currentVersionId: versionId(deployment.currentVersionNumber), previousVersionId: versionId(deployment.previousVersionNumber) },
        });
      }
      return project;
    },
    // One import is one transaction of a few rows per pipeline version, run and artifact: far more than a request's default budget.
    { maxWait: 10_000, timeout: 120_000 },
  );
}

/**
 * Imports a project archive (see projectArchive.ts) as a new project owned by `userId`. Every
 * blob is verified and stored, and every artifact checked, before the first row is written, and the rows go in one
 * transaction, so a refused or failed import leaves no project, pipeline or dataset behind.
 */
export async function importProjectArchive(
  db: Db,
  blobs: BlobStore,
  input: { userId: string; body: ReadableStream<Uint8Array> | null; limits: ImportLimits },
): Promise<{ id: string; name: string }> {
  if (input.body === null) throw refused("Send the archive file as the request body.");
  const { manifest, storageKeys } = await unpack(input.body, blobs, input.limits);
  const datasetFiles = await readDatasets(blobs, manifest, storageKeys);
  await verifyArtifacts(blobs, manifest, storageKeys);
  return createRows(db, input.userId, manifest, storageKeys, datasetFiles);
}
