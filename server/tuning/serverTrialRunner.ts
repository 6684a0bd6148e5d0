import type { SplitValue } from "@/pipeline/spec/portValues";
import type { TunerTrialRequest, TunerTrialResult, TunerTrialRunner } from "@/pipeline/spec/tunerTrials";
import { serializedArtifactChunks } from "../artifacts/artifactSerialization";
import type { Db } from "../db";
import { executeTrial, loadTrialModel, type TrialWorkerDeps } from "./executeTrial";
import { cancelUnfinishedTrials } from "./trialQueue";

/**
 * Spreads one server run's tuner trials over every worker on the database: each trial
 * becomes a job in the trials queue that any idle worker may take. The run's own worker is
 * one of them: while it waits for a batch it trains queued trials itself, one at a
 * time, so a single worker still finishes the search and more workers only make it
 * faster. A trial an earlier attempt of the run already finished is reused.
 */
export class ServerTrialRunner implements TunerTrialRunner {
  private readonly splitKeys = new WeakMap<SplitValue, Promise<string>>();
  private trainingHere = false;

  constructor(private readonly deps: TrialWorkerDeps & { db: Db; runId: string; pollMs: number }) {}

  async run(request: TunerTrialRequest, signal: AbortSignal): Promise<TunerTrialResult> {
    const { trials, blobs } = this.deps;
    const row = {
      runId: this.deps.runId,
      nodeId: request.nodeId,
      trialIndex: request.index,
      task: JSON.stringify(request.task),
      splitKey: await this.splitKey(request.split),
    };
    const id = (await trials.findSucceeded(row)) ?? (await trials.enqueue(row));
    try {
      for (;;) {
        signal.throwIfAborted();
        const state = await trials.state(id);
        if (state.status === "succeeded") {
          const modelKey = state.modelKey!;
          return { score: state.score!, model: () => loadTrialModel(blobs, modelKey) };
        }
        if (state.status === "failed" || state.status === "cancelled") throw new Error(state.error ?? `Trial ${request.index + 1} was cancelled`);
        if (!this.trainingHere && (await this.trainOneHere(signal))) continue;
        await sleep(this.deps.pollMs, signal);
      }
    } catch (error) {
      if (signal.aborted) await cancelUnfinishedTrials(this.deps.db, { id });
      throw error;
    }
  }

  /** Trains the next queued trial (this run's or another's) on this worker; false when there is none. */
  private async trainOneHere(signal: AbortSignal): Promise<boolean> {
    this.trainingHere = true;
    try {
      const claimed = await this.deps.trials.claim(this.deps.workerId);
      if (claimed === null) return false;
      await executeTrial(this.deps, claimed, signal);
      return true;
    } finally {
      this.trainingHere = false;
    }
  }

  private splitKey(split: SplitValue): Promise<string> {
    let key = this.splitKeys.get(split);
    if (key === undefined) {
      key = this.deps.blobs.putStream(serializedArtifactChunks(split)).then((stored) => stored.key);
      this.splitKeys.set(split, key);
    }
    return key;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", stop);
    };
    const stop = () => {
      done();
      reject(signal.reason instanceof Error ? signal.reason : new Error("Aborted"));
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signal.addEventListener("abort", stop, { once: true });
  });
}
