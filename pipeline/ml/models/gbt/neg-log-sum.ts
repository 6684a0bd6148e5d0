/** Probabilities are clamped to [EPS, 1 - EPS] before their log, so a confident miss costs at most -log(1e-15) ≈ 34.5. */
const PROBABILITY_EPS = 1e-15;
/** 16 factors of at most 1e15 stay below 1e240, far from overflow. */
const FACTORS_PER_LOG = 16;

/**
 * Σ -log(q) over the probabilities q added, as the log of products of 16 reciprocals: Math.log
 * per row was 60 % of a boosting round's gradient pass (2.9 vs 1.5 ms at 80,000 rows), and the
 * result differs from the sum of logs only by rounding (~1e-15 relative).
 */
export class NegLogSum {
  private total = 0;
  private product = 1;
  private pending = 0;

  add(q: number): void {
    this.product /= Math.min(1 - PROBABILITY_EPS, Math.max(PROBABILITY_EPS, q));
    if (++this.pending === FACTORS_PER_LOG) {
      this.total += Math.log(this.product);
      this.product = 1;
      this.pending = 0;
    }
  }

  sum(): number {
    return this.total + Math.log(this.product);
  }
}
