import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonicalJson";
import { nodeFingerprint, specFingerprints } from "./fingerprint";
import type { PipelineSpec } from "./spec";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const jsonValue: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string(),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), tie("value"), { maxKeys: 5 }),
  ),
})).value;

const paramsArbitrary = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), jsonValue, { minKeys: 1, maxKeys: 6 });

/** Rebuilds every object with its keys in reverse insertion order. */
function reverseKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reverseKeys(item)]),
  );
}

function fingerprintOf(params: Json): string {
  return nodeFingerprint({ kind: "k", version: 1, params, inputs: {} });
}

describe("fingerprints", () => {
  it("ignore the key order of params", () => {
    fc.assert(
      fc.property(paramsArbitrary, (params) => {
        expect(fingerprintOf(reverseKeys(params))).toBe(fingerprintOf(params));
      }),
      { numRuns: 300 },
    );
  });

  it("change when any param value changes", () => {
    fc.assert(
      fc.property(paramsArbitrary, fc.nat(), jsonValue, (params, pick, replacement) => {
        const keys = Object.keys(params);
        const key = keys[pick % keys.length]!;
        fc.pre(canonicalJson(params[key]) !== canonicalJson(replacement));
        expect(fingerprintOf({ ...params, [key]: replacement })).not.toBe(fingerprintOf(params));
      }),
      { numRuns: 300 },
    );
  });

  it("change with kind, version, upstream fingerprint, upstream data and external data", () => {
    const base = { kind: "k", version: 1, params: { a: 1 }, inputs: { x: { fingerprint: "f", output: "o", dataHash: "h" } } };
    const reference = nodeFingerprint(base);
    const variants = [
      { ...base, kind: "k2" },
      { ...base, version: 2 },
      { ...base, inputs: { x: { fingerprint: "g", output: "o", dataHash: "h" } } },
      { ...base, inputs: { x: { fingerprint: "f", output: "o", dataHash: "h2" } } },
      { ...base, inputs: { y: { fingerprint: "f", output: "o", dataHash: "h" } } },
      { ...base, externalData: { "sample:iris": "abc" } },
    ];
    for (const variant of variants) expect(nodeFingerprint(variant)).not.toBe(reference);
  });

  it("propagate through a spec: editing one node changes it and everything downstream only", () => {
    const spec: PipelineSpec = {
      specVersion: 1,
      nodes: [
        { id: "a", kind: "load", version: 1, params: { dataset: "x" }, inputs: {} },
        { id: "b", kind: "load", version: 1, params: { dataset: "y" }, inputs: {} },
        { id: "c", kind: "split", version: 1, params: { seed: 1 }, inputs: { table: { node: "a", output: "table" } } },
      ],
    };
    const before = specFingerprints(spec);
    const edited = specFingerprints({ ...spec, nodes: spec.nodes.map((n) => (n.id === "a" ? { ...n, params: { dataset: "z" } } : n)) });
    expect(edited["a"]).not.toBe(before["a"]);
    expect(edited["c"]).not.toBe(before["c"]);
    expect(edited["b"]).toBe(before["b"]);
  });
});

describe("canonicalJson", () => {
  it("round-trips through JSON.parse to an equal value", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
