import { fitGradientBoosting } from "../gbt/train";
import { SeededRandom } from "../random";

const ROWS = 16_384;
const COLS = 8;

/**
 * Compiles the tree engine's hot loops (histograms, partitions, gradients, split search) before
 * the first real fit, by fitting a small gradient-boosted model on one thread: V8 runs a fresh
 * function in its interpreter until it has been called enough, and the first fit of a 100,000-row
 * table paid for that on both threads (first fits 0.2–0.4 s slower than later ones). A process
 * or model thread that lives for many fits calls this once when it starts; it takes about 0.1 s.
 */
export async function warmUpTreeKernels(): Promise<void> {
  const rng = new SeededRandom(1);
  const data = Float32Array.from({ length: ROWS * COLS }, () => rng.next() - 0.5);
  const y = Int32Array.from({ length: ROWS }, (_, r) => (data[r * COLS]! + data[r * COLS + 1]! + 0.3 * (rng.next() - 0.5) > 0 ? 1 : 0));
  await fitGradientBoosting(
    { data, rows: ROWS, cols: COLS },
    y,
    { kind: "classification", classes: 2 },
    { maxIterations: 10, earlyStopping: "off" },
    { seed: 0, threads: false },
  );
}
