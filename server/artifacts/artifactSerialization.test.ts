import { describe, expect, it } from "vitest";
import { encodeArtifactValue } from "@/pipeline/runtime/artifactCodec";
import { deserializeArtifact, serializeArtifact, serializedArtifactChunks } from "./artifactSerialization";

/** What artifacts were stored as before serializeArtifact wrote its JSON itself. */
const throughStrings = (value: unknown) => new TextEncoder().encode(JSON.stringify(encodeArtifactValue(value)));

/** The bytes as text (JSON is text), which vitest compares and prints far faster than a long Uint8Array. */
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

async function joined(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return new Uint8Array(Buffer.concat(parts));
}

const VALUES: [string, unknown][] = [
  ["null", null],
  ["undefined", undefined],
  ["numbers", [1, -0, 0.1, 1e300, -5e-324, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]],
  ["text needing escapes", ['é "quoted" \\ \n \u2028 \ud800 lone', "", "日本"]],
  ["booleans and holes", [true, false, , undefined, null]],
  ["key order and undefined members", { b: 1, a: undefined, 2: "two", 1: ["one"], nested: { z: [], y: {} } }],
  [
    "typed arrays",
    {
      empty: new Float64Array(0),
      f32: new Float32Array([1.5, Number.NaN, -0]),
      i32: new Int32Array([1, -2, 2 ** 31 - 1]),
      u8: Uint8Array.from({ length: 40 }, (_, i) => (i * 37) & 255),
      view: new Float64Array(new ArrayBuffer(64), 8, 3),
      buffer: Buffer.from("hello"),
    },
  ],
  // Over two of the 786,432-byte slices base64 is made from, and lengths of every remainder mod 3.
  ["a long column", { column: Float64Array.from({ length: 200_001 }, (_, i) => Math.sin(i)), tail: [new Uint8Array(1), new Uint8Array(2)] }],
  ["a text column", { values: Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? null : `level ${i % 97} é`)) }],
  ["objects it has no rules for", { map: new Map([[1, 2]]), date: new Date(0) }],
];

describe("serializeArtifact", () => {
  it.each(VALUES)("writes %s byte for byte as JSON.stringify of the codec's value, whole or in chunks", async (_name, value) => {
    const expected = text(throughStrings(value));
    expect(text(serializeArtifact(value as never))).toBe(expected);
    expect(text(await joined(serializedArtifactChunks(value as never)))).toBe(expected);
  });

  it("reads back what it wrote", () => {
    const table = { rowCount: 3, columns: [{ name: "x", type: "number", values: new Float64Array([1, Number.NaN, 3]) }] };
    expect(deserializeArtifact(serializeArtifact(table as never))).toEqual(table);
  });

  it("refuses what the codec refuses, with its message", async () => {
    for (const value of [new Int16Array(2), () => 1, 10n]) {
      const message = (() => {
        try {
          throughStrings(value);
          return "";
        } catch (error) {
          return (error as Error).message;
        }
      })();
      expect(message).not.toBe("");
      expect(() => serializeArtifact(value as never)).toThrow(message);
      await expect(joined(serializedArtifactChunks(value as never))).rejects.toThrow(message);
    }
  });
});
