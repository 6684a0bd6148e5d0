import { describe, expect, it } from "vitest";
import { NegLogSum } from "./neg-log-sum";

function sumOfLogs(qs: number[]): number {
  return qs.reduce((total, q) => total - Math.log(Math.min(1 - 1e-15, Math.max(1e-15, q))), 0);
}

describe("NegLogSum", () => {
  it("equals the sum of -log q to rounding, for any count of probabilities", () => {
    let seed = 7;
    const uniform = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
    for (const count of [0, 1, 15, 16, 17, 1000, 80_001]) {
      const qs = Array.from({ length: count }, () => uniform() ** 3);
      const sum = new NegLogSum();
      for (const q of qs) sum.add(q);
      expect(sum.sum()).toBeCloseTo(sumOfLogs(qs), 8);
      expect(Math.abs(sum.sum() - sumOfLogs(qs))).toBeLessThanOrEqual(1e-12 * Math.max(1, sumOfLogs(qs)));
    }
  });

  it("clamps certain misses and certainties like the per-row log, without overflowing", () => {
    const qs = [...Array.from({ length: 40 }, () => 0), ...Array.from({ length: 40 }, () => 1), 1e-300, Number.MIN_VALUE];
    const sum = new NegLogSum();
    for (const q of qs) sum.add(q);
    expect(Number.isFinite(sum.sum())).toBe(true);
    expect(sum.sum()).toBeCloseTo(42 * -Math.log(1e-15), 6);
    expect(sum.sum()).toBeCloseTo(sumOfLogs(qs), 6);
  });
});
