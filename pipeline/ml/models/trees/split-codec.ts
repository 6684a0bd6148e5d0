import type { Split } from "./find-split";
import { GRADIENT_CHANNELS } from "./split-criterion";

const SUMS_AT = 4;
/** Floats of an encoded gradient split: feature (-1: none), bin, missingLeft, gain, then the left and right sums of its channels. */
export const SPLIT_FLOATS = SUMS_AT + 2 * GRADIENT_CHANNELS;

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
  out.set(split.leftSums, at + SUMS_AT);
  out.set(split.rightSums, at + SUMS_AT + GRADIENT_CHANNELS);
}

export function readSplit(out: Float64Array, at: number): Split | null {
  if (out[at]! < 0) return null;
  const sums = at + SUMS_AT;
  return {
    feature: out[at]!,
    bin: out[at + 1]!,
    missingLeft: out[at + 2] === 1,
    gain: out[at + 3]!,
    leftSums: out.slice(sums, sums + GRADIENT_CHANNELS),
    rightSums: out.slice(sums + GRADIENT_CHANNELS, sums + 2 * GRADIENT_CHANNELS),
  };
}
