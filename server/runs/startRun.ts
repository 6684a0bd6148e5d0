import type { RunLane } from "@/contracts/runLane";
import type { RunTarget } from "@/contracts/runTarget";
import { catalog } from "@/pipeline/nodes/catalog";
import { serverOnlyReason } from "@/pipeline/spec/sideEffects";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";
import type { RunQueue } from "../queue/runQueue";
import { pinDatasetVersions } from "./datasetPins";
import { parseStoredSpec, specUpTo } from "./specForRun";

export interface StartRunInput {
  projectId: string;
  pipelineId: string;
  versionId?: string;
  target: RunTarget;
  targetNodeId?: string;
  userId: string;
  /** Every node re-executes instead of reusing cached artifacts (fresh results are still cached for later runs). */
  ignoreCache?: boolean;
  /** Server runs: "interactive" (someone is waiting, the default) goes before "batch". */
  lane?: RunLane;
  /** Started by a schedule or trigger for this slot; a second start of the same slot fails with a unique violation (P2002). */
  trigger?: { scheduleId: string; triggerKey: string };
}

/**
 * Creates a run of a saved pipeline version (the latest unless one is named).
 * Server runs wait in their project's queue and are admitted to the job queue
 * as its cap allows (server/queue/admission.ts); browser runs start running at once and
 * the browser reports their progress and results.
 */
export async function startRun(db: Db, queue: Pick<RunQueue, "admit">, input: StartRunInput) {
  const version = await db.pipelineVersion.findFirst({
    where: { pipelineId: input.pipelineId, pipeline: { projectId: input.projectId }, ...(input.versionId ? { id: input.versionId } : {}) },
    orderBy: { number: "desc" },
  });
  if (!version) {
    throw new DomainError("notFound", input.versionId ? "Pipeline version not found in this project." : "Save the pipeline before running it.");
  }
  if (version.spec === null) {
    throw new DomainError("invalid", `Version ${version.number} has compile errors, so it cannot run. Fix them and save.`);
  }
  let spec;
  try {
    spec = specUpTo(parseStoredSpec(version.spec), input.targetNodeId);
  } catch (error) {
    throw new DomainError("invalid", error instanceof Error ? error.message : String(error));
  }
  if (spec.nodes.length === 0) {
    throw new DomainError("invalid", "This pipeline has no nodes yet: add a Load dataset node from the palette, save, then run.");
  }
  const serverOnly = serverOnlyReason(spec, catalog);
  if (input.target === "browser" && serverOnly !== undefined) {
    throw new DomainError("invalid", `${serverOnly}, so this pipeline cannot run in the browser: run it on a server worker (or choose Auto).`);
  }
  const pins = await pinDatasetVersions(db, input.projectId, spec).catch((error: unknown) => {
    throw new DomainError("invalid", error instanceof Error ? error.message : String(error));
  });
  const browser = input.target === "browser";
  const run = await db.run.create({
    data: {
      projectId: input.projectId,
      pipelineId: input.pipelineId,
      pipelineVersionId: version.id,
      target: input.target,
      status: browser ? "running" : "queued",
      startedAt: browser ? new Date() : null,
      targetNodeId: input.targetNodeId ?? null,
      startedById: input.userId,
      ignoreCache: input.ignoreCache ?? false,
      lane: input.lane ?? "interactive",
      datasetVersions: JSON.stringify(pins),
      scheduleId: input.trigger?.scheduleId ?? null,
      triggerKey: input.trigger?.triggerKey ?? null,
    },
  });
  if (!browser) {
    // The run is saved and queued: a failure to hand it on now must not tell the caller it was not started
    // (a retry would start it twice). The workers' admission sweep hands it on later.
    await queue.admit(input.projectId).catch((error: unknown) => console.error(`run ${run.id}: admission deferred to the sweep:`, error));
  }
  return {
    runId: run.id,
    status: run.status,
    target: input.target,
    ignoreCache: run.ignoreCache,
    version: { id: version.id, number: version.number },
    spec,
    datasetVersions: pins,
  };
}
