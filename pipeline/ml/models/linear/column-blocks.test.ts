import { describe, expect, it } from "vitest";
import { SeededRandom } from "../random";
import { addBlockGram, loadColumnBlock } from "./column-blocks";

describe("column blocks", () => {
  it("addBlockGram adds every upper-triangle entry of a block's Gram matrix, tile by tile, to what is there", () => {
    const rng = new SeededRandom(3);
    const length = 37;
    const width = 8;
    const block = Float64Array.from({ length: length * width }, () => rng.next() - 0.5);
    const gram = new Float64Array(width * width).fill(1);
    addBlockGram(block, length, width, gram);
    for (let a = 0; a < width; a++) {
      for (let b = a; b < width; b++) {
        let dot = 1;
        for (let r = 0; r < length; r++) dot += block[a * length + r]! * block[b * length + r]!;
        expect(gram[a * width + b]).toBeCloseTo(dot, 12);
      }
    }
    expect(() => addBlockGram(block, length, 6, gram)).toThrow(/multiple of 4/);
  });

  it("loadColumnBlock copies rows column-major and adds each column's sum and dot with the target", () => {
    const X = { data: Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9), rows: 3, cols: 3 };
    const out = new Float64Array(6);
    const sums = Float64Array.of(10, 0, 0);
    const dots = new Float64Array(3);
    loadColumnBlock(X, 1, 2, out, Float64Array.of(1, -1), sums, dots);
    expect([...out]).toEqual([4, 7, 5, 8, 6, 9]);
    expect([...sums]).toEqual([21, 13, 15]);
    expect([...dots]).toEqual([-3, -3, -3]);
  });
});
