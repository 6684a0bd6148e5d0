import { fitGradientBoosting } from "../gbt/train";
import { SeededRandom } from "../random";

/** Just enough rows for a fit on threads where the process has them (see THREADED_MIN_ROWS), so the threaded path is compiled too. */
const ROWS = 20_480;
const COLS = 8;

/**
 * Compiles the tree engine's hot loops (histograms, partitions, gradients, split search) before
 * the first real fit, by fitting a small gradient-boosted model: V8 runs a fresh function in its
 * interpreter until it has been called enough, and the first fit of a 100,000-row table paid for
 * that on every thread. A model thread fits on its own thread; a process with model threads fits
 * on them, which compiles the threaded path on both sides (first fit / second fit 1.04–1.05 after,
 * 1.08–1.11 with a one-thread warm-up; first / third fit 1.04–1.18 with none). A process or model thread that lives
 * for many fits calls this once when it starts; it takes 0.1–0.2 s.
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
    { seed: 0 },
  );
}
