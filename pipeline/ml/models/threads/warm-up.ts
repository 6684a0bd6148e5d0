import { fitGradientBoosting } from "../gbt/train";
import { fitLinearRegression, fitLogisticRegression } from "../linear/train";
import { SeededRandom } from "../random";

/** Just enough rows for fits on threads where the process has them (THREADED_MIN_ROWS of both models), so the threaded paths are compiled too. */
const ROWS = 20_480;
const COLS = 8;

/**
 * Compiles the engine's hot loops before the first real fit by fitting three small models: the
 * trees' (histograms, partitions, gradients, split search) with gradient boosting, the linear
 * models' sums with a logistic and a ridge regression. V8 runs a fresh function in its
 * interpreter until it has been called enough, and a process's first fit paid for that on every
 * thread. A model thread fits on its own thread; a process with model threads fits on them, which
 * compiles the threaded paths on both sides. Measured at 100k x 20: boosting's first fit / second
 * fit 1.04–1.05 after, 1.08–1.11 with a one-thread warm-up, first / third 1.04–1.18 with none;
 * the first logistic regression 92–124 ms after, 196–222 ms without (later fits 97–127 ms). A
 * process or model thread that lives for many fits calls this once when it starts: 0.2 s, or until
 * its threads have started where the linear fit waits for them.
 */
export async function warmUpModelKernels(): Promise<void> {
  const rng = new SeededRandom(1);
  const data = Float32Array.from({ length: ROWS * COLS }, () => rng.next() - 0.5);
  const y = Int32Array.from({ length: ROWS }, (_, r) => (data[r * COLS]! + data[r * COLS + 1]! + 0.3 * (rng.next() - 0.5) > 0 ? 1 : 0));
  const X = { data, rows: ROWS, cols: COLS };
  const binary = { kind: "classification", classes: 2 } as const;
  await fitGradientBoosting(X, y, binary, { maxIterations: 10, earlyStopping: "off" }, { seed: 0 });
  await fitLogisticRegression(X, y, binary, {}, { seed: 0 });
  await fitLinearRegression(X, Float64Array.from(y), { kind: "regression" }, {}, { seed: 0 });
}
