import { decodeFloat32, decodeFloat64, decodeInt32, decodeUint8, encodeTypedArray } from "../ml/models/typed-array-codec";

/**
 * Artifacts hold typed arrays (table columns, label votes); JSON cannot. This codec
 * turns them into tagged base64 objects and back, so any artifact value can be
 * stored in the artifact store or posted between worker and server as plain JSON.
 */
const TYPED_TAG = "$typed";

type TypedName = "Float64Array" | "Float32Array" | "Int32Array" | "Uint8Array";

const DECODERS: Record<TypedName, (base64: string) => ArrayBufferView> = {
  Float64Array: decodeFloat64,
  Float32Array: decodeFloat32,
  Int32Array: decodeInt32,
  Uint8Array: decodeUint8,
};

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function encodeArtifactValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Float64Array || value instanceof Float32Array || value instanceof Int32Array || value instanceof Uint8Array) {
    return { [TYPED_TAG]: value.constructor.name, base64: encodeTypedArray(value) };
  }
  if (ArrayBuffer.isView(value)) throw new Error(`Unsupported typed array ${value.constructor.name} in artifact`);
  switch (typeof value) {
    case "number":
      // JSON has no NaN/Infinity; they mark missing or undefined metrics.
      return Number.isFinite(value) ? value : { [TYPED_TAG]: "number", value: String(value) };
    case "string":
    case "boolean":
      return value;
    case "object":
      if (Array.isArray(value)) return value.map(encodeArtifactValue);
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([, item]) => item !== undefined)
          .map(([key, item]) => [key, encodeArtifactValue(item)]),
      );
    default:
      throw new Error(`Cannot serialise a ${typeof value} inside an artifact`);
  }
}

export function decodeArtifactValue(value: JsonValue): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(decodeArtifactValue);
  const tag = value[TYPED_TAG];
  if (typeof tag === "string") {
    if (tag === "number") return Number(value["value"]);
    const decode = DECODERS[tag as TypedName];
    const base64 = value["base64"];
    if (decode === undefined || typeof base64 !== "string") throw new Error(`Corrupt artifact: bad ${TYPED_TAG} entry`);
    return decode(base64);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decodeArtifactValue(item)]));
}
