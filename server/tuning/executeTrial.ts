import { runTunerTrial } from "@/pipeline/nodes/tunerTrial";
import type { ModelArtifact, SplitValue } from "@/pipeline/spec/portValues";
import { tunerTrialTaskSchema } from "@/pipeline/spec/tunerTrials";
import { deserializeArtifact, serializeArtifact } from "../artifacts/artifactSerialization";
import type { BlobStore } from "../artifacts/blobStore";
import { withLeaseHeartbeat } from "../queue/leaseHeartbeat";
import type { ClaimedTrial, TrialQueue } from "./trialQueue";

export interface TrialWorkerDeps {
  blobs: BlobStore;
  trials: TrialQueue;
  workerId: string;
  /** How often the trial's lease is renewed: a third of it. */
  leaseMs: number;
  log?: (message: string) => void;
}

// A tuner's trials all read the same split: keep the latest decoded ones rather than re-reading the blob per trial.
const SPLITS_KEPT = 2;
const decodedSplits = new Map<string, SplitValue>();

async function loadSplit(blobs: BlobStore, key: string): Promise<SplitValue> {
  const kept = decodedSplits.get(key);
  if (kept !== undefined) return kept;
  const value = deserializeArtifact(await blobs.get(key));
  if (!("train" in value) || !("valid" in value)) throw new Error(`Blob ${key} is not a split`);
  decodedSplits.set(key, value);
  for (const old of decodedSplits.keys()) if (decodedSplits.size > SPLITS_KEPT) decodedSplits.delete(old);
  return value;
}

/**
 * Trains one claimed trial and records its score and model (or its error) on the
 * trial row, renewing the lease meanwhile. A trial cancelled or taken over mid-way
 * writes nothing.
 */
export async function loadTrialModel(blobs: BlobStore, key: string): Promise<ModelArtifact> {
  const value = deserializeArtifact(await blobs.get(key));
  if (!("modelKind" in value)) throw new Error(`Blob ${key} is not a model`);
  return value;
}

export async function executeTrial(deps: TrialWorkerDeps, claimed: ClaimedTrial, outer?: AbortSignal): Promise<void> {
  const { trials, workerId, leaseMs } = deps;
  const { settled, lost } = await withLeaseHeartbeat(
    leaseMs,
    () => trials.heartbeat(claimed, workerId),
    async (signal) => {
      const task = tunerTrialTaskSchema.parse(JSON.parse(claimed.task));
      const { score, model } = await runTunerTrial(task, await loadSplit(deps.blobs, claimed.splitKey), signal);
      const { key } = await deps.blobs.put(serializeArtifact(await model()));
      return { score, modelKey: key };
    },
    { ...(outer === undefined ? {} : { outer }), onError: (error) => deps.log?.(`heartbeat for trial ${claimed.id} failed: ${String(error)}`) },
  );
  if (lost || outer?.aborted) return;
  if (settled.status === "fulfilled") {
    await trials.finish(claimed, workerId, settled.value);
  } else {
    const error: unknown = settled.reason;
    await trials.finish(claimed, workerId, { error: error instanceof Error ? error.message : String(error) });
  }
}
