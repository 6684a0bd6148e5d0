import { decodeArtifactValue, encodeArtifactValue, type JsonValue } from "@/pipeline/runtime/artifactCodec";
import type { PortValue } from "@/pipeline/spec/portValues";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Artifact values as stored bytes: the engine's codec (typed arrays as tagged base64) in JSON. */
export function serializeArtifact(value: PortValue): Uint8Array {
  return encoder.encode(JSON.stringify(encodeArtifactValue(value)));
}

export function deserializeArtifact(bytes: Uint8Array): PortValue {
  return decodeArtifactValue(JSON.parse(decoder.decode(bytes)) as JsonValue) as PortValue;
}
