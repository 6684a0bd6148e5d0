import { describe, expect, it } from "vitest";
import { SeededRandom } from "../random";
import { addRowBlockGram } from "./gram-tiles";

describe("Gram tiles", () => {
  it("addRowBlockGram adds every upper-triangle entry of a row range's Gram matrix, tile by tile, to what is there", () => {
    const rng = new SeededRandom(3);
    const rows = 37;
    const stride = 10;
    const width = 8;
    const data = Float32Array.from({ length: rows * stride }, () => rng.next() - 0.5);
    const gram = new Float64Array(width * width).fill(1);
    addRowBlockGram(data, 3, 30, stride, width, gram);
    for (let a = 0; a < width; a++) {
      for (let b = a; b < width; b++) {
        let dot = 1;
        for (let r = 3; r < 30; r++) dot += data[r * stride + a]! * data[r * stride + b]!;
        expect(gram[a * width + b]).toBeCloseTo(dot, 12);
      }
    }
    expect(() => addRowBlockGram(data, 0, rows, stride, 6, gram)).toThrow(/multiple of 4/);
    expect(() => addRowBlockGram(data, 0, rows, stride, 12, gram)).toThrow(/row stride/);
  });
});
