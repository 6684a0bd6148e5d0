import { describe, expect, it } from "vitest";
import type { TrialRecord } from "@/pipeline/spec/portValues";
import { trialSeries } from "./trialSeries";

const trial = (n: number, score: number, pruned = false): TrialRecord => ({ trial: n, params: { depth: n }, score, durationMs: 10, pruned });

describe("trialSeries", () => {
  const trials = [trial(1, 0.7), trial(2, Number.NaN), trial(3, 0.9), trial(4, 0.8), trial(5, 0.95, true)];

  it("draws each scored trial and the running best, skipping failed trials", () => {
    expect(trialSeries(trials, "maximize")).toEqual({
      scores: [
        { x: 1, y: 0.7 },
        { x: 3, y: 0.9 },
        { x: 4, y: 0.8 },
        { x: 5, y: 0.95 },
      ],
      bestSoFar: [
        { x: 1, y: 0.7 },
        { x: 3, y: 0.9 },
        { x: 4, y: 0.9 },
        { x: 5, y: 0.95 },
      ],
    });
    expect(trialSeries(trials, "minimize").bestSoFar.map((p) => p.y)).toEqual([0.7, 0.7, 0.7, 0.7]);
  });
});
