import { describe, expect, it } from "vitest";
import { readCsv } from "../table/read-csv";
import { fnv1a32, hashUnit, rowHashes, rowKey, textHash } from "./row-hash";

/** MurmurHash3 x86_32 over bytes, written straight from the reference C code, to check rowHashes against. */
function murmur3(bytes: Uint8Array, seed: number): number {
  let h = seed | 0;
  const blocks = bytes.length >>> 2;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mix = (k: number) => Math.imul((Math.imul(k, 0xcc9e2d51) << 15) | (Math.imul(k, 0xcc9e2d51) >>> 17) | 0, 0x1b873593);
  for (let i = 0; i < blocks; i++) {
    h ^= mix(view.getUint32(i * 4, true));
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let tail = 0;
  for (let i = bytes.length - 1; i >= blocks * 4; i--) tail = (tail << 8) | bytes[i]!;
  if (bytes.length & 3) h ^= mix(tail);
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The bytes rowHashes hashes: the seed and each number as little-endian float64, each string as its FNV-1a word. */
function rowBytes(seed: number, cells: (number | string | null)[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(8 + cells.length * 8));
  view.setFloat64(0, seed, true);
  let at = 8;
  for (const cell of cells) {
    if (typeof cell === "number") {
      view.setFloat64(at, cell === 0 ? 0 : cell, true);
      at += 8;
    } else {
      view.setUint32(at, cell === null ? 0x9e3779b9 : fnv1a32(cell), true);
      at += 4;
    }
  }
  return new Uint8Array(view.buffer, 0, at);
}

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe("row hashing", () => {
  it("matches published FNV-1a 32-bit and MurmurHash3 x86_32 test vectors", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
    expect(murmur3(bytesOf(""), 0)).toBe(0);
    expect(murmur3(bytesOf(""), 1)).toBe(0x514e28b7);
    expect(murmur3(Uint8Array.of(0x21, 0x43, 0x65, 0x87), 0)).toBe(0xf55b516b);
    expect(murmur3(bytesOf("The quick brown fox jumps over the lazy dog"), 0x9747b28c)).toBe(0x2fa826cd);
  });

  it("hashes a row as MurmurHash3 of its seed and cells, -0 as 0 and missing numbers as one NaN", () => {
    const table = readCsv("x,c,t\n1.5,a,hello world\n-0,,NA\n,b,x\n", { types: { t: "text" } });
    const hashes = rowHashes(table, 7);
    expect(hashes[0]).toBe(murmur3(rowBytes(7, [1.5, "a", "hello world"]), 0));
    expect(hashes[1]).toBe(murmur3(rowBytes(7, [0, null, null]), 0));
    expect(hashes[2]).toBe(murmur3(rowBytes(7, [Number.NaN, "b", "x"]), 0));
    expect(rowHashes(table, 7, table.columns[1])[0]).toBe(murmur3(rowBytes(7, ["a"]), 0));
  });

  it("spreads keys uniformly over 32 bits", () => {
    const n = 20_000;
    const table = readCsv(`id\n${Array.from({ length: n }, (_, i) => i).join("\n")}\n`);
    const hashes = rowHashes(table, 7);
    let sum = 0;
    let below = 0;
    for (const hash of hashes) {
      const u = hash / 2 ** 32;
      sum += u;
      if (u < 0.3) below++;
    }
    // Standard errors: mean ±0.002, fraction ±0.0032; allow about 4 of them.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(below / n - 0.3)).toBeLessThan(0.013);
    expect(new Set(hashes).size).toBeGreaterThan(n - 5);
  });

  it("depends on the seed and on every cell; equal rows hash equal", () => {
    const table = readCsv("a,b,c\n1,x,\n1,y,NA\n1,x,\n1.0,x,\n");
    const [h0, h1, h2, h3] = rowHashes(table, 0);
    expect(h0).not.toBe(h1);
    expect(h2).toBe(h0);
    expect(h3).toBe(h0);
    expect(rowHashes(table, 1)[0]).not.toBe(h0);
  });

  it('keeps version 1\'s hash of the row text as the "text" scheme', () => {
    expect(hashUnit("x", 1)).not.toBe(hashUnit("x", 2));
    const table = readCsv("a,b,c\n1,x,\n1,y,NA\n");
    expect(rowKey(table, 0)).toBe("1\u001fx\u001f");
    const [h0, h1] = rowHashes(table, 0, undefined, "text");
    expect(h0).not.toBe(h1);
    expect(h0).toBe(textHash("1\u001fx\u001f", 0));
    // Computed once with version 1's code: these must never change.
    expect([h0, h1]).toEqual([2449680052, 2357248314]);
  });
});
