/**
 * Deterministic JSON: object keys sorted, no whitespace, undefined members dropped.
 * Fingerprints and spec hashes are taken over this form so that two specs that
 * differ only in key order hash the same.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, new Set());
}

function serialize(value: unknown, ancestors: Set<object>): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new Error(`canonicalJson: non-finite number ${value}`);
      // -0 and 0 are the same parameter value.
      return JSON.stringify(value === 0 ? 0 : value);
    case "object":
      break;
    default:
      throw new Error(`canonicalJson: cannot serialise a ${typeof value}`);
  }
  const object = value as object;
  if (ancestors.has(object)) throw new Error("canonicalJson: circular structure");
  ancestors.add(object);
  let out: string;
  if (Array.isArray(object)) {
    out = `[${object.map((item) => (item === undefined ? "null" : serialize(item, ancestors))).join(",")}]`;
  } else {
    const record = object as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    out = `{${keys.map((key) => `${JSON.stringify(key)}:${serialize(record[key], ancestors)}`).join(",")}}`;
  }
  ancestors.delete(object);
  return out;
}
