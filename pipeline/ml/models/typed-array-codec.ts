/**
 * Base64 for typed arrays in model JSON: about 4× smaller than number lists and exact.
 * Uses btoa/atob (present in browsers, workers and Node ≥ 16), so no Buffer. Byte order
 * is the platform's, little-endian on every platform TF.js runs on.
 */

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

type NumericArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export function encodeTypedArray(values: NumericArray): string {
  return bytesToBase64(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

function decodeBytes(text: string, bytesPerElement: number): ArrayBuffer {
  const bytes = base64ToBytes(text);
  if (bytes.length % bytesPerElement !== 0) throw new Error("Corrupt model weights: byte length does not fit the array type");
  return bytes.buffer as ArrayBuffer;
}

export const decodeFloat32 = (text: string) => new Float32Array(decodeBytes(text, 4));
export const decodeFloat64 = (text: string) => new Float64Array(decodeBytes(text, 8));
export const decodeInt32 = (text: string) => new Int32Array(decodeBytes(text, 4));
export const decodeUint8 = (text: string) => base64ToBytes(text);
