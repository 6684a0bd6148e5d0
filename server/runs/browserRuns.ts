import { z } from "zod";
import { finishedRunStatusSchema } from "@/contracts/runStatus";
import type { Artifact } from "@/pipeline/runtime/artifactCache";
import { hashArtifactValue } from "@/pipeline/runtime/artifactHash";
import { checkModelArtifact, InvalidModelError } from "@/pipeline/model/modelArtifactCheck";
import { decodeArtifactValue, type JsonValue } from "@/pipeline/runtime/artifactCodec";
import type { RunEvent } from "@/pipeline/runtime/events";
import { PORT_TYPES } from "@/pipeline/spec/portTypes";
import type { PortValue } from "@/pipeline/spec/portValues";
import type { BlobStore } from "../artifacts/blobStore";
import { recordStepArtifacts } from "../artifacts/recordArtifacts";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";
import { parseDatasetPins } from "./datasetPins";
import { notifyRunChanged } from "./runChanges";
import { runErrorSchema } from "./runEventSchema";
import { parseStoredSpec } from "./specForRun";

/**
 * A browser run is a Run row the browser fills in: events as they happen, each
 * step's artifacts (uploaded so lineage is the same whichever side ran), then the
 * outcome. Only the user who started it, while it is running, may report.
 */
export async function findReportableRun(db: Db, projectId: string, runId: string, userId: string) {
  const run = await db.run.findFirst({ where: { id: runId, projectId }, include: { pipelineVersion: { select: { spec: true } } } });
  if (!run) throw new DomainError("notFound", "Run not found in this project.");
  if (run.target !== "browser") throw new DomainError("invalid", "Only browser runs are reported by the browser.");
  if (run.startedById !== userId) throw new DomainError("forbidden", "Only the person who started a browser run reports its progress.");
  if (run.status !== "running") throw new DomainError("conflict", `The run is already ${run.status}.`);
  return run;
}

export async function appendRunEvents(db: Db, runId: string, events: RunEvent[]): Promise<{ lastSeq: number }> {
  return db.$transaction(async (tx) => {
    // Appends to one run take turns (the row lock lasts until commit), so no two number events alike.
    await tx.$queryRaw`SELECT 1 FROM "Run" WHERE "id" = ${runId} FOR NO KEY UPDATE`;
    const last = await tx.runEvent.findFirst({ where: { runId }, orderBy: { seq: "desc" }, select: { seq: true } });
    const first = (last?.seq ?? -1) + 1;
    await tx.runEvent.createMany({ data: events.map((event, i) => ({ runId, seq: first + i, payload: JSON.stringify(event) })) });
    await notifyRunChanged(tx, runId);
    return { lastSeq: first + events.length - 1 };
  });
}

export const browserStepSchema = z.object({
  nodeId: z.string().min(1).max(200),
  kind: z.string().min(1).max(100),
  fingerprint: z.string().min(1).max(128),
  cached: z.boolean(),
  durationMs: z.number().finite().min(0),
  status: finishedRunStatusSchema.default("succeeded"),
  metrics: z.record(z.string(), z.number().finite()).default({}),
  logs: z.string().max(100_000).default(""),
  error: z.string().max(10_000).optional(),
});

export const finishBrowserRunSchema = z.object({
  runId: z.string().min(1),
  status: finishedRunStatusSchema,
  error: runErrorSchema.optional(),
  steps: z.array(browserStepSchema).max(2000),
  /** Content hashes of the datasets the browser read, by reference (for lineage). */
  datasets: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)).default({}),
  backend: z.string().max(50).optional(),
});

async function upsertStep(db: Db, runId: string, step: z.output<typeof browserStepSchema>) {
  const data = {
    kind: step.kind,
    fingerprint: step.fingerprint,
    cacheHit: step.cached,
    status: step.status,
    durationMs: step.durationMs,
    finishedAt: new Date(),
    metrics: JSON.stringify(step.metrics),
    logs: step.logs,
    error: step.error ?? null,
  };
  return db.stepRun.upsert({
    where: { runId_nodeId: { runId, nodeId: step.nodeId } },
    create: { runId, nodeId: step.nodeId, ...data },
    update: data,
  });
}

export async function finishBrowserRun(db: Db, run: { id: string; datasetVersions: string }, input: z.output<typeof finishBrowserRunSchema>) {
  for (const step of input.steps) await upsertStep(db, run.id, step);
  const pins = parseDatasetPins(run.datasetVersions);
  for (const [reference, contentHash] of Object.entries(input.datasets)) pins[reference] = { ...pins[reference], contentHash };
  const { count } = await db.run.updateMany({
    where: { id: run.id, status: "running" },
    data: {
      status: input.status,
      finishedAt: new Date(),
      error: input.error ? JSON.stringify(input.error) : null,
      datasetVersions: JSON.stringify(pins),
      ...(input.backend ? { backend: input.backend } : {}),
    },
  });
  if (count === 0) throw new DomainError("conflict", "The run was finished or cancelled meanwhile.");
  await notifyRunChanged(db, run.id);
  return { runId: run.id, status: input.status };
}

/** Body of POST /api/runs/[runId]/artifacts: one step and its outputs, values in the engine's artifact codec. */
export const artifactUploadSchema = browserStepSchema.extend({
  outputs: z.record(
    z.string().min(1).max(100),
    z.object({ type: z.enum(PORT_TYPES), hash: z.string().regex(/^[0-9a-f]{64}$/), value: z.custom<JsonValue>((v) => v !== undefined) }),
  ),
});

const EXACT_PORT_TYPES = ["Table", "LabeledTable", "Split"] as const;

/**
 * Records a browser step and stores its outputs as artifacts, with lineage edges
 * to the artifacts of its upstream steps in this run (so steps are uploaded in
 * spec order). Each value's hash is recomputed: a value that does not match its
 * claimed content hash is refused (unprocessable, 422: the upload was well formed).
 */
export async function recordBrowserStep(
  db: Db,
  blobs: BlobStore,
  run: { id: string; projectId: string; pipelineVersion: { spec: string | null } },
  upload: z.output<typeof artifactUploadSchema>,
): Promise<Record<string, string>> {
  const spec = run.pipelineVersion.spec === null ? null : parseStoredSpec(run.pipelineVersion.spec);
  const node = spec?.nodes.find((n) => n.id === upload.nodeId);
  if (!node) throw new DomainError("unprocessable", `Node "${upload.nodeId}" is not in this run's pipeline version.`);
  const outputs: Record<string, Artifact> = {};
  for (const [port, output] of Object.entries(upload.outputs)) {
    const value = decodeArtifactValue(output.value) as PortValue;
    if (hashArtifactValue(value) !== output.hash) throw new DomainError("unprocessable", `Output "${port}" does not match its content hash.`);
    // A model is checked whole now (tree links, feature indexes, weight shapes), not when a deployment first predicts with it.
    if (output.type === "Model") {
      try {
        checkModelArtifact(value);
      } catch (error) {
        if (error instanceof InvalidModelError) throw new DomainError("unprocessable", `Output "${port}" is not a usable model: ${error.message}`);
        throw error;
      }
    }
    outputs[port] = { type: output.type, hash: output.hash, value };
  }
  // Data must come out byte-identical wherever it was computed (splits above all); a browser that disagrees
  // with a stored table or split is refused. Fitted models may differ in the last float bits between JS
  // engines, so they are compared through their metrics instead.
  const stored = await db.artifact.findMany({
    where: { projectId: run.projectId, fingerprint: upload.fingerprint, portType: { in: [...EXACT_PORT_TYPES] } },
  });
  for (const artifact of stored) {
    const mine = outputs[artifact.port];
    if (mine && mine.hash !== artifact.contentHash) {
      throw new DomainError(
        "unprocessable",
        `Output "${artifact.port}" of ${upload.nodeId} differs from the stored result for the same inputs and params (${mine.hash.slice(0, 12)} vs ${artifact.contentHash.slice(0, 12)}).`,
      );
    }
  }
  const step = await upsertStep(db, run.id, upload);
  const upstreamSteps = await db.stepRun.findMany({
    where: { runId: run.id, nodeId: { in: Object.values(node.inputs).map((source) => source.node) } },
    select: { nodeId: true, fingerprint: true },
  });
  const fingerprintOf = new Map(upstreamSteps.map((s) => [s.nodeId, s.fingerprint]));
  const inputs = Object.entries(node.inputs).flatMap(([port, source]) => {
    const fingerprint = fingerprintOf.get(source.node);
    return fingerprint ? [{ port, fingerprint, output: source.output }] : [];
  });
  return recordStepArtifacts(db, blobs, {
    projectId: run.projectId,
    stepRunId: step.id,
    nodeId: upload.nodeId,
    fingerprint: upload.fingerprint,
    outputs,
    inputs,
  });
}
