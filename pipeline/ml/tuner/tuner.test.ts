import { describe, expect, it } from "vitest";
import { gradientBoostingParamsSchema } from "../models/gbt/params";
import { gridParams } from "./samplers";
import { checkSearchSpace, searchSpaceFromParams } from "./search-space";
import { tune, type Trial } from "./tune";

/** Smooth 2-D objective with its maximum 0 at learningRate = 0.01, depth = 6. */
const bowl = async (p: Record<string, unknown>) => -((Math.log10(p["learningRate"] as number) + 2) ** 2) - (((p["depth"] as number) - 6) / 4) ** 2;
const space = { learningRate: { type: "float", min: 1e-4, max: 1, log: true }, depth: { type: "int", min: 1, max: 16 } };

describe("search space", () => {
  it("derives ranges, log scales and choices from a model's zod params", () => {
    const derived = searchSpaceFromParams(gradientBoostingParamsSchema);
    expect(derived["learningRate"]).toEqual({ type: "float", min: 0.001, max: 1, log: true });
    expect(derived["maxLeafNodes"]).toEqual({ type: "int", min: 2, max: 256, log: true });
    expect(derived["maxDepth"]).toEqual({ type: "int", min: 1, max: 32, log: false });
    expect(derived["l2Regularization"]).toEqual({ type: "float", min: 0.01, max: 100, log: true });
    expect(derived["earlyStopping"]).toEqual({ type: "choice", values: ["auto", "on", "off"] });
  });

  it("refuses an empty or inconsistent space", async () => {
    expect(() => checkSearchSpace({})).toThrow(/search space is empty/);
    expect(() => checkSearchSpace({ lr: { type: "float", min: 0, max: 1, log: true } })).toThrow(/min > 0/);
    await expect(tune({}, bowl)).rejects.toThrow(/empty/);
  });

  it("enumerates a grid with log-spaced values", () => {
    const grid = gridParams(checkSearchSpace({ lr: { type: "float", min: 0.001, max: 0.1, log: true }, kind: { type: "choice", values: ["a", "b"] } }), 3);
    expect(grid.map((p) => [Number((p["lr"] as number).toPrecision(6)), p["kind"]])).toEqual([
      [0.001, "a"],
      [0.001, "b"],
      [0.01, "a"],
      [0.01, "b"],
      [0.1, "a"],
      [0.1, "b"],
    ]);
  });
});

describe("tune", () => {
  it("TPE gets closer to the optimum than random search with the same trials", async () => {
    const gaps = { random: 0, tpe: 0 };
    for (let seed = 1; seed <= 20; seed++) {
      for (const algorithm of ["random", "tpe"] as const) gaps[algorithm] += -(await tune(space, bowl, { algorithm, maxTrials: 40, seed })).best.score;
    }
    expect(gaps.tpe).toBeLessThan(gaps.random);
    // Measured mean gap to the optimum over 20 seeds: random 0.098, TPE 0.021.
    expect(gaps.tpe).toBeLessThan(gaps.random / 2);
    expect(gaps.tpe / 20).toBeLessThan(0.04);
  });

  it("minimises when asked, and records every trial", async () => {
    const result = await tune(space, async (p) => -(await bowl(p)), { algorithm: "random", direction: "minimize", maxTrials: 10, seed: 1 });
    expect(result.trials).toHaveLength(10);
    expect(result.best.score).toBe(Math.min(...result.trials.map((t) => t.score)));
  });

  it("Hyperband halves configurations by budget and prunes the rest", async () => {
    const budgets: number[] = [];
    // A learning curve: more budget always helps, the params decide the ceiling.
    const curve = async (p: Record<string, unknown>, budget: number | undefined) => {
      budgets.push(budget!);
      return (await bowl(p)) - 1 / budget!;
    };
    const result = await tune(space, curve, { algorithm: "hyperband", minBudget: 1, maxBudget: 9, eta: 3, maxTrials: 1000, seed: 3 });
    // sMax = 2: bracket 2 runs 9 configs at budget 1, 3 at 3, 1 at 9; bracket 1 runs 5 at 3 then 1 at 9; bracket 0 runs 3 at 9.
    expect(budgets).toEqual([...Array(9).fill(1), 3, 3, 3, 9, 3, 3, 3, 3, 3, 9, 9, 9, 9]);
    expect(result.trials.filter((t) => t.pruned)).toHaveLength(6 + 2 + 4);
    expect(result.best.budget).toBe(9);
  });

  it("evaluates a batch concurrently and, for grid, random and Hyperband, proposes the same trials as one at a time", async () => {
    const settings = [
      { algorithm: "grid", gridPoints: 3, maxTrials: 9 },
      { algorithm: "random", maxTrials: 10, seed: 4 },
      { algorithm: "hyperband", minBudget: 1, maxBudget: 9, eta: 3, maxTrials: 1000, seed: 3 },
    ] as const;
    for (const setting of settings) {
      let inFlight = 0;
      let mostInFlight = 0;
      const slowBowl = async (p: Record<string, unknown>, budget: number | undefined) => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight--;
        return (await bowl(p)) - (budget === undefined ? 0 : 1 / budget);
      };
      const oneAtATime = await tune(space, slowBowl, setting);
      expect(mostInFlight).toBe(1);
      mostInFlight = 0;
      const batched = await tune(space, slowBowl, { ...setting, batchSize: 4 });
      expect(mostInFlight).toBe(4);
      const shape = (t: Trial) => [t.index, t.params, t.score, t.budget, t.pruned];
      expect(batched.trials.map(shape)).toEqual(oneAtATime.trials.map(shape));
      expect(batched.best.index).toBe(oneAtATime.best.index);
    }
  });

  it("TPE proposing batches of 4 still beats random search", async () => {
    const gaps = { random: 0, tpe: 0 };
    for (let seed = 1; seed <= 20; seed++) {
      for (const algorithm of ["random", "tpe"] as const)
        gaps[algorithm] += -(await tune(space, bowl, { algorithm, maxTrials: 40, seed, batchSize: 4 })).best.score;
    }
    // Measured mean gap over 20 seeds: random 0.098, TPE in batches of 4 0.051 (one at a time: 0.021).
    expect(gaps.tpe).toBeLessThan(gaps.random * 0.75);
  });
});
