import { afterAll, describe, expect, it } from "vitest";
import { configureNodeModelThreads } from "../../../cli/nodeModelThreads";
import { SeededRandom } from "../random";
import { modelThreads, provideModelThreads, withModelThreads } from "../threads/model-threads";
import { binMatrix, fitBinThresholds } from "./binning";
import { binMatrixOnThreads } from "./threaded-binning";

afterAll(() => provideModelThreads(undefined));

describe("binning on threads", () => {
  it("gives the same thresholds and codes as binning here, for odd shapes, missing values and discrete columns", async () => {
    configureNodeModelThreads({ count: 2 });
    const host = modelThreads()!;
    const rng = new SeededRandom(4);
    for (const [rows, cols] of [
      [3001, 7],
      [5000, 1],
    ] as const) {
      const data = Float32Array.from({ length: rows * cols }, (_, i) => (rng.next() < 0.05 ? NaN : i % cols === 1 ? rng.int(5) : rng.next() * 10 - 5));
      const X = { data, rows, cols };
      const expected = binMatrix(X, fitBinThresholds(X, 255));
      const threaded = await withModelThreads(host, (threads, allocate) => binMatrixOnThreads(X, 255, threads[0]!, allocate));
      expect(threaded.thresholds).toEqual(expected.thresholds);
      expect(threaded.binCounts).toEqual(expected.binCounts);
      expect(Buffer.from(threaded.bins).equals(Buffer.from(expected.bins))).toBe(true);
      expect(Buffer.from(threaded.columns).equals(Buffer.from(expected.columns))).toBe(true);
      expect(threaded.bins.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
  });

  it("fails with a clear message, without waiting on the helper, when the bins asked for are invalid", async () => {
    configureNodeModelThreads({ count: 2 });
    const host = modelThreads()!;
    const X = { data: Float32Array.of(1, 2, 3, 4), rows: 4, cols: 1 };
    await expect(withModelThreads(host, (threads, allocate) => binMatrixOnThreads(X, 1, threads[0]!, allocate))).rejects.toThrow(/maxBins/);
  });
});
