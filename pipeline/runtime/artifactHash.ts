import { Sha256 } from "../spec/sha256";

/**
 * Content hash of an artifact value: a walk that feeds typed-array bytes straight
 * into SHA-256 (no base64 or JSON detour for large tables) and everything else as
 * canonical tokens, so equal values hash equal whatever their key order.
 */
export function hashArtifactValue(value: unknown): string {
  const hasher = new Sha256();
  feed(hasher, value);
  return hasher.digestHex();
}

function feed(hasher: Sha256, value: unknown): void {
  if (value === null || value === undefined) {
    hasher.update("n");
    return;
  }
  if (ArrayBuffer.isView(value)) {
    hasher.update(`<${value.constructor.name}:${value.byteLength}>`);
    hasher.update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    return;
  }
  switch (typeof value) {
    case "number":
      hasher.update(`d${Object.is(value, -0) ? 0 : value};`);
      return;
    case "string":
      hasher.update(`s${JSON.stringify(value)}`);
      return;
    case "boolean":
      hasher.update(value ? "t" : "f");
      return;
    case "object":
      break;
    default:
      throw new Error(`Cannot hash a ${typeof value} inside an artifact`);
  }
  if (Array.isArray(value)) {
    hasher.update(`[${value.length};`);
    for (const item of value) feed(hasher, item);
    hasher.update("]");
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  hasher.update(`{${keys.length};`);
  for (const key of keys) {
    hasher.update(JSON.stringify(key));
    feed(hasher, record[key]);
  }
  hasher.update("}");
}
