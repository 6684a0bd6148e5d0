import { decodeArtifactValue, type JsonValue } from "@/pipeline/runtime/artifactCodec";
import type { PortValue } from "@/pipeline/spec/portValues";

const decoder = new TextDecoder();

/**
 * Artifact values as stored bytes: the engine's codec (typed arrays as tagged base64, see
 * encodeArtifactValue) in JSON, byte for byte what `JSON.stringify(encodeArtifactValue(value))`
 * encodes to. Written straight into the result: typed arrays are base64-encoded a few
 * megabytes at a time into their place, so no base64 string of a whole column and no JSON
 * string of the whole value exists beside it (a 1M-row table of 20 numeric columns is 213 MB
 * of JSON; encoding it through strings held about three times that).
 */
export function serializeArtifact(value: PortValue): Uint8Array {
  const pieces = serializedPieces(value);
  const bytes = new Uint8Array(pieces.length);
  let at = 0;
  for (const chunk of pieces.chunks()) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  if (at !== bytes.length) throw new Error(`Artifact serialisation wrote ${at} of ${bytes.length} bytes`);
  return bytes;
}

/**
 * serializeArtifact's bytes as chunks of at most 1 MiB, made as they are read: for
 * BlobStore.putStream, so a large table is stored without its JSON ever being whole in memory.
 */
export async function* serializedArtifactChunks(value: PortValue): AsyncGenerator<Uint8Array> {
  yield* serializedPieces(value).chunks();
}

export function deserializeArtifact(bytes: Uint8Array): PortValue {
  return decodeArtifactValue(JSON.parse(decoder.decode(bytes)) as JsonValue) as PortValue;
}

function serializedPieces(value: PortValue): JsonPieces {
  const pieces = new JsonPieces();
  writeValue(pieces, value);
  pieces.flush();
  return pieces;
}

/**
 * Base64 is made from this many bytes at a time: a multiple of 3, so the pieces join into one
 * encoding, and small enough (1 MiB of base64) that a stream's buffer of 16 chunks stays small.
 */
const BASE64_SLICE = 3 << 18;
/** Small JSON tokens are gathered into a string up to this length before they are encoded. */
const TEXT_FLUSH = 1 << 16;

/**
 * JSON text gathered as pieces: runs of small tokens as UTF-8 bytes, typed arrays as views of
 * their bytes, base64-encoded only as chunks() reaches them.
 */
class JsonPieces {
  private readonly pieces: ({ text: Uint8Array } | { typed: ArrayBufferView })[] = [];
  private text = "";
  /** Bytes of JSON in all: known before any base64 is made. */
  length = 0;

  write(token: string): void {
    this.text += token;
    if (this.text.length >= TEXT_FLUSH) this.flush();
  }

  base64(view: ArrayBufferView): void {
    this.flush();
    this.pieces.push({ typed: view });
    this.length += 4 * Math.ceil(view.byteLength / 3);
  }

  flush(): void {
    if (this.text === "") return;
    const encoded = Buffer.from(this.text, "utf8");
    this.pieces.push({ text: encoded });
    this.length += encoded.length;
    this.text = "";
  }

  *chunks(): Generator<Uint8Array> {
    for (const piece of this.pieces) {
      if ("text" in piece) {
        yield piece.text;
        continue;
      }
      const { typed } = piece;
      const source = Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength);
      for (let from = 0; from < source.length; from += BASE64_SLICE) {
        yield Buffer.from(source.toString("base64", from, Math.min(source.length, from + BASE64_SLICE)), "latin1");
      }
    }
  }
}

/** encodeArtifactValue's rules, written as JSON.stringify would write its result. */
function writeValue(writer: JsonPieces, value: unknown): void {
  if (value === null || value === undefined) {
    writer.write("null");
    return;
  }
  if (value instanceof Float64Array || value instanceof Float32Array || value instanceof Int32Array || value instanceof Uint8Array) {
    writer.write(`{"$typed":${JSON.stringify(value.constructor.name)},"base64":"`);
    writer.base64(value);
    writer.write('"}');
    return;
  }
  if (ArrayBuffer.isView(value)) throw new Error(`Unsupported typed array ${value.constructor.name} in artifact`);
  switch (typeof value) {
    case "number":
      // JSON has no NaN/Infinity; they mark missing or undefined metrics.
      writer.write(Number.isFinite(value) ? JSON.stringify(value) : `{"$typed":"number","value":${JSON.stringify(String(value))}}`);
      return;
    case "string":
      writer.write(JSON.stringify(value));
      return;
    case "boolean":
      writer.write(value ? "true" : "false");
      return;
    case "object":
      break;
    default:
      throw new Error(`Cannot serialise a ${typeof value} inside an artifact`);
  }
  if (Array.isArray(value)) {
    writer.write("[");
    // An index loop, not forEach: a hole is written as null, as JSON.stringify writes it.
    for (let index = 0; index < value.length; index++) {
      if (index > 0) writer.write(",");
      writeValue(writer, value[index]);
    }
    writer.write("]");
    return;
  }
  writer.write("{");
  let first = true;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined) continue;
    writer.write(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    first = false;
    writeValue(writer, item);
  }
  writer.write("}");
}
