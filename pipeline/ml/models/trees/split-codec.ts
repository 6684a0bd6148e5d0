import type { Split } from "./find-split";

/** Floats of an encoded gradient split: feature (-1: none), bin, missingLeft, gain, then the left and right sums of its 3 channels. */
export const SPLIT_FLOATS = 10;

/** Writes a gradient split (or none) into out[at .. at + SPLIT_FLOATS), for another thread to read. */
export function writeSplit(out: Float64Array, at: number, split: Split | null): void {
  if (split === null) {
    out[at] = -1;
    return;
  }
  out[at] = split.feature;
  out[at + 1] = split.bin;
  out[at + 2] = split.missingLeft ? 1 : 0;
  out[at + 3] = split.gain;
  out.set(split.leftSums, at + 4);
  out.set(split.rightSums, at + 7);
}

export function readSplit(out: Float64Array, at: number): Split | null {
  if (out[at]! < 0) return null;
  return {
    feature: out[at]!,
    bin: out[at + 1]!,
    missingLeft: out[at + 2] === 1,
    gain: out[at + 3]!,
    leftSums: out.slice(at + 4, at + 7),
    rightSums: out.slice(at + 7, at + 10),
  };
}
