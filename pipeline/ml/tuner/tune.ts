import { z } from "zod";
import { SeededRandom } from "../models/random";
import { gridParams, randomParams, tpeParams, type ScoredParams } from "./samplers";
import { checkSearchSpace, type ParamSet } from "./search-space";

export const tunerSettingsSchema = z.object({
  algorithm: z.enum(["grid", "random", "tpe", "hyperband"]).default("tpe"),
  direction: z.enum(["maximize", "minimize"]).default("maximize"),
  /** Trials at most (grid stops early when the grid is smaller). Hyperband counts each rung evaluation. */
  maxTrials: z.number().int().min(1).max(1000).default(30),
  seed: z.number().int().default(0),
  gridPoints: z.number().int().min(1).max(20).default(3).describe("Values per numeric range in a grid"),
  tpeStartupTrials: z.number().int().min(1).max(100).default(8).describe("Random trials before TPE starts modelling"),
  tpeGamma: z.number().min(0.05).max(0.5).default(0.25),
  tpeCandidates: z.number().int().min(1).max(1000).default(24),
  /** Hyperband: budget (epochs or trees) of the cheapest and of a full trial, and the halving rate. */
  minBudget: z.number().int().min(1).default(10),
  maxBudget: z.number().int().min(1).default(200),
  eta: z.number().int().min(2).max(10).default(3),
  /**
   * Trials proposed together and evaluated concurrently (by parallel workers, where
   * the objective has them). Proposals depend on this, never on how many workers
   * there are, so a search gives the same trials wherever it runs.
   */
  batchSize: z.number().int().min(1).max(64).default(1),
});
export type TunerSettings = z.input<typeof tunerSettingsSchema>;

export interface Trial {
  index: number;
  params: ParamSet;
  score: number;
  durationMs: number;
  /** Hyperband: the budget it ran with, and whether it was stopped at this rung rather than promoted. */
  budget?: number;
  pruned: boolean;
}

export interface TuneResult {
  trials: Trial[];
  best: Trial;
}

/** Scores one param set; with Hyperband, `budget` is the epochs / trees to train for. `index` numbers the trial. */
export type Objective = (params: ParamSet, budget: number | undefined, index: number) => Promise<number>;

/**
 * Hyperparameter search over an editable space. The objective is any validation metric;
 * `direction` says whether larger is better. A trial whose objective throws or returns
 * NaN scores as the worst possible and the search goes on.
 */
export async function tune(spaceInput: unknown, objective: Objective, settingsInput: TunerSettings = {}, signal?: AbortSignal): Promise<TuneResult> {
  const space = checkSearchSpace(spaceInput);
  const s = tunerSettingsSchema.parse(settingsInput);
  const sign = s.direction === "maximize" ? 1 : -1;
  const rng = new SeededRandom(s.seed);
  const trials: Trial[] = [];

  /** Evaluates a batch concurrently; trials are numbered in proposal order, whatever order they finish in. */
  const runBatch = async (batch: ParamSet[], budget?: number): Promise<Trial[]> => {
    signal?.throwIfAborted();
    const first = trials.length;
    const done = await Promise.all(
      batch.map(async (params, offset): Promise<Trial> => {
        const started = performance.now();
        let score: number;
        try {
          score = await objective(params, budget, first + offset);
        } catch {
          score = NaN;
        }
        return { index: first + offset, params, score, durationMs: performance.now() - started, pruned: false, ...(budget === undefined ? {} : { budget }) };
      }),
    );
    signal?.throwIfAborted();
    trials.push(...done);
    return done;
  };
  const utility = (t: Trial) => (Number.isNaN(t.score) ? -Infinity : sign * t.score);
  const batchesOf = <T>(items: T[]): T[][] =>
    Array.from({ length: Math.ceil(items.length / s.batchSize) }, (_, b) => items.slice(b * s.batchSize, (b + 1) * s.batchSize));

  switch (s.algorithm) {
    case "grid":
      for (const batch of batchesOf(gridParams(space, s.gridPoints).slice(0, s.maxTrials))) await runBatch(batch);
      break;
    case "random":
      for (const batch of batchesOf(Array.from({ length: s.maxTrials }, () => randomParams(space, rng)))) await runBatch(batch);
      break;
    case "tpe":
      while (trials.length < s.maxTrials) {
        // Every proposal of a batch sees the same history; the sampler's randomness keeps them apart.
        const history: ScoredParams[] = trials.map((t) => ({ params: t.params, score: utility(t) }));
        const batch = Array.from({ length: Math.min(s.batchSize, s.maxTrials - trials.length) }, (_, offset) =>
          trials.length + offset < s.tpeStartupTrials
            ? randomParams(space, rng)
            : tpeParams(space, history, rng, { gamma: s.tpeGamma, candidates: s.tpeCandidates }),
        );
        await runBatch(batch);
      }
      break;
    case "hyperband":
      await hyperband();
      break;
  }
  const finished = trials.filter((t) => !t.pruned);
  const best = (finished.length > 0 ? finished : trials).reduce((a, b) => (utility(b) > utility(a) ? b : a));
  return { trials, best };

  /**
   * Hyperband (Li et al. 2018): brackets of successive halving trading how many
   * configurations start against how small their first budget is. In each rung every
   * survivor trains with the rung's budget, the best 1/η go on with η× the budget, and
   * the rest are marked pruned.
   */
  async function hyperband(): Promise<void> {
    if (s.maxBudget < s.minBudget) throw new Error("Hyperband needs maxBudget ≥ minBudget");
    const sMax = Math.floor(Math.log(s.maxBudget / s.minBudget) / Math.log(s.eta) + 1e-9);
    for (let bracket = sMax; bracket >= 0; bracket--) {
      let configs = Array.from({ length: Math.ceil(((sMax + 1) / (bracket + 1)) * s.eta ** bracket) }, () => randomParams(space, rng));
      for (let rung = 0; rung <= bracket && configs.length > 0; rung++) {
        const budget = Math.round(s.maxBudget * s.eta ** (rung - bracket));
        const rungTrials: Trial[] = [];
        for (const batch of batchesOf(configs)) {
          const room = s.maxTrials - trials.length;
          if (room <= 0) return;
          rungTrials.push(...(await runBatch(batch.slice(0, room), budget)));
        }
        if (rung === bracket) break;
        const keep = Math.floor(rungTrials.length / s.eta);
        const ranked = [...rungTrials].sort((a, b) => utility(b) - utility(a));
        ranked.slice(keep).forEach((t) => (t.pruned = true));
        configs = ranked.slice(0, keep).map((t) => t.params);
      }
    }
  }
}
