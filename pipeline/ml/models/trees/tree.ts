import type { Matrix } from "../types";
import { decodeFloat64, decodeInt32, decodeUint8, encodeTypedArray } from "../typed-array-codec";
import { z } from "zod";

/**
 * A binary decision tree in flat typed arrays. Internal node i sends row x left when
 * x[feature[i]] <= threshold[i], or, if that value is NaN, when missingLeft[i] is 1.
 * Leaves have feature -1 and `outputs` values at values[i * outputs ...].
 */
export interface Tree {
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  values: Float64Array;
  outputs: number;
}

export class TreeBuilder {
  private readonly feature: number[] = [];
  private readonly threshold: number[] = [];
  private readonly missingLeft: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  private readonly values: number[] = [];

  constructor(private readonly outputs: number) {}

  addLeaf(): number {
    this.feature.push(-1);
    this.threshold.push(0);
    this.missingLeft.push(0);
    this.left.push(-1);
    this.right.push(-1);
    for (let k = 0; k < this.outputs; k++) this.values.push(0);
    return this.feature.length - 1;
  }

  setSplit(node: number, feature: number, threshold: number, missingLeft: boolean, left: number, right: number): void {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.missingLeft[node] = missingLeft ? 1 : 0;
    this.left[node] = left;
    this.right[node] = right;
  }

  setValues(node: number, values: ArrayLike<number>): void {
    for (let k = 0; k < this.outputs; k++) this.values[node * this.outputs + k] = values[k]!;
  }

  build(): Tree {
    return {
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      missingLeft: Uint8Array.from(this.missingLeft),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      values: Float64Array.from(this.values),
      outputs: this.outputs,
    };
  }
}

export function leafIndex(tree: Tree, data: Float32Array, rowStart: number): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node]!;
    if (f < 0) return node;
    const x = data[rowStart + f]!;
    const goLeft = Number.isNaN(x) ? tree.missingLeft[node] === 1 : x <= tree.threshold[node]!;
    node = goLeft ? tree.left[node]! : tree.right[node]!;
  }
}

/** Adds scale × leaf values of each row into out[r * stride + offset + k]. */
export function addTreePredictions(tree: Tree, X: Matrix, out: Float64Array, stride: number, offset: number, scale = 1): void {
  for (let r = 0; r < X.rows; r++) {
    const leaf = leafIndex(tree, X.data, r * X.cols);
    for (let k = 0; k < tree.outputs; k++) out[r * stride + offset + k]! += scale * tree.values[leaf * tree.outputs + k]!;
  }
}

export const serializedTreeSchema = z.object({
  outputs: z.number().int().min(1),
  feature: z.string(),
  threshold: z.string(),
  missingLeft: z.string(),
  left: z.string(),
  right: z.string(),
  values: z.string(),
});
export type SerializedTree = z.infer<typeof serializedTreeSchema>;

export function serializeTree(tree: Tree): SerializedTree {
  return {
    outputs: tree.outputs,
    feature: encodeTypedArray(tree.feature),
    threshold: encodeTypedArray(tree.threshold),
    missingLeft: encodeTypedArray(tree.missingLeft),
    left: encodeTypedArray(tree.left),
    right: encodeTypedArray(tree.right),
    values: encodeTypedArray(tree.values),
  };
}

/** Rejects trees whose child links or sizes are inconsistent, so a corrupt artifact cannot loop forever. */
export function deserializeTree(json: SerializedTree, inputs: number): Tree {
  const tree: Tree = {
    outputs: json.outputs,
    feature: decodeInt32(json.feature),
    threshold: decodeFloat64(json.threshold),
    missingLeft: decodeUint8(json.missingLeft),
    left: decodeInt32(json.left),
    right: decodeInt32(json.right),
    values: decodeFloat64(json.values),
  };
  const n = tree.feature.length;
  const sizesOk =
    n > 0 &&
    tree.threshold.length === n &&
    tree.missingLeft.length === n &&
    tree.left.length === n &&
    tree.right.length === n &&
    tree.values.length === n * tree.outputs;
  if (!sizesOk) throw new Error("Corrupt tree: array sizes disagree");
  for (let i = 0; i < n; i++) {
    const f = tree.feature[i]!;
    if (f < 0) continue;
    const l = tree.left[i]!;
    const r = tree.right[i]!;
    if (f >= inputs || l <= i || r <= i || l >= n || r >= n) throw new Error(`Corrupt tree: node ${i} has invalid links`);
  }
  return tree;
}
