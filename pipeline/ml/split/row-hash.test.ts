import { describe, expect, it } from "vitest";
import { readCsv } from "../table/read-csv";
import { fnv1a32, hashUnit, rowHashes, rowKey } from "./row-hash";

describe("row hashing", () => {
  it("matches published FNV-1a 32-bit test vectors", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });

  it("spreads keys uniformly over [0, 1)", () => {
    const n = 20_000;
    let sum = 0;
    let below = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = hashUnit(`row-${i}`, 7);
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      if (u < 0.3) below++;
    }
    expect(outside).toBe(0);
    // Standard errors: mean ±0.002, fraction ±0.0032; allow about 4 of them.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(below / n - 0.3)).toBeLessThan(0.013);
  });

  it("depends on the seed and on every cell", () => {
    expect(hashUnit("x", 1)).not.toBe(hashUnit("x", 2));
    const table = readCsv("a,b,c\n1,x,\n1,y,NA\n");
    expect(rowKey(table, 0)).toBe("1\u001fx\u001f");
    const [h0, h1] = rowHashes(table, 0);
    expect(h0).not.toBe(h1);
    expect(h0).toBe(hashUnit("1\u001fx\u001f", 0));
  });
});
