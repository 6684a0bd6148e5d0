import type { Column, Table } from "@/pipeline/ml/table/table";
import { ServingError } from "./servingError";
import type { ModelSignature } from "./signature";

export type RawFeatures = Record<string, unknown>;

export interface ParsedInstances {
  /** The caller's key per instance (undefined when it sent raw features). */
  keys: unknown[];
  rows: RawFeatures[];
  table: Table;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalid(index: number, field: string, message: string, code = "INVALID_FEATURE"): ServingError {
  return new ServingError(422, { code, message, index, field });
}

/** `{ key, features }` is keyed only when those are its only properties, so a feature named "features" still works raw. */
function splitKey(item: Record<string, unknown>): { key: unknown; features: Record<string, unknown> } | null {
  const names = Object.keys(item);
  if (!isPlainObject(item["features"]) || !names.every((n) => n === "key" || n === "features")) return null;
  return { key: item["key"], features: item["features"] };
}

/**
 * Checks a request body against the model's signature and turns the instances into
 * the columnar Table the model's preprocessing expects. JSON null is a missing value
 * (the fitted imputation handles it); an absent, unknown or mistyped field is refused
 * with the instance index and field name.
 */
export function parseInstances(body: unknown, signature: ModelSignature, maxInstances: number): ParsedInstances {
  if (!isPlainObject(body) || !Array.isArray(body["instances"])) {
    throw new ServingError(400, { code: "BAD_REQUEST", message: 'The body must be a JSON object with an "instances" array.' });
  }
  const items: unknown[] = body["instances"];
  if (items.length > maxInstances) {
    throw new ServingError(413, { code: "TOO_MANY_INSTANCES", message: `${items.length} instances sent; the limit is ${maxInstances} per request.` });
  }
  const keys: unknown[] = [];
  const rows: RawFeatures[] = [];
  const known = new Set(signature.features.map((f) => f.name));
  items.forEach((item, index) => {
    if (!isPlainObject(item)) throw new ServingError(422, { code: "INVALID_INSTANCE", message: `Instance ${index} is not a JSON object.`, index });
    const keyed = splitKey(item);
    const features = keyed ? keyed.features : item;
    for (const name of Object.keys(features)) {
      if (!known.has(name)) throw invalid(index, name, `Instance ${index} has "${name}", which the model does not read.`, "UNKNOWN_FEATURE");
    }
    for (const { name } of signature.features) {
      if (!(name in features)) throw invalid(index, name, `Instance ${index} lacks the feature "${name}" (send null for a missing value).`, "MISSING_FEATURE");
    }
    keys.push(keyed?.key);
    rows.push(features);
  });
  return { keys, rows, table: instancesTable(signature, rows) };
}

/** The columnar table of already validated rows, in the signature's column order. */
export function instancesTable(signature: ModelSignature, rows: RawFeatures[]): Table {
  return { rowCount: rows.length, columns: signature.features.map((feature): Column => buildColumn(feature, rows)) };
}

function buildColumn(feature: ModelSignature["features"][number], rows: RawFeatures[]): Column {
  const { name, type } = feature;
  const cells = rows.map((row) => row[name]);
  const wrongType = (index: number, expected: string) =>
    invalid(index, name, `Instance ${index}: "${name}" must be ${expected}, not ${JSON.stringify(cells[index])}.`);
  switch (type) {
    case "number":
    case "integer":
    case "boolean":
    case "date": {
      const values = new Float64Array(rows.length);
      cells.forEach((cell, index) => {
        if (cell === null) values[index] = NaN;
        else if (type === "boolean") {
          if (typeof cell !== "boolean") throw wrongType(index, "true, false or null");
          values[index] = cell ? 1 : 0;
        } else if (type === "date") {
          const time = typeof cell === "number" ? cell : typeof cell === "string" ? Date.parse(cell) : NaN;
          if (!Number.isFinite(time)) throw wrongType(index, "an ISO date, epoch milliseconds or null");
          values[index] = time;
        } else {
          if (typeof cell !== "number" || !Number.isFinite(cell)) throw wrongType(index, "a number or null");
          values[index] = cell;
        }
      });
      return { name, type, values };
    }
    case "category": {
      const levels: string[] = [];
      const codeOf = new Map<string, number>();
      const codes = new Int32Array(rows.length);
      cells.forEach((cell, index) => {
        if (cell === null) return void (codes[index] = -1);
        if (typeof cell !== "string" && typeof cell !== "number" && typeof cell !== "boolean") throw wrongType(index, "a string or null");
        const level = String(cell);
        let code = codeOf.get(level);
        if (code === undefined) {
          code = levels.push(level) - 1;
          codeOf.set(level, code);
        }
        codes[index] = code;
      });
      return { name, type, codes, levels };
    }
    case "text":
      return {
        name,
        type,
        values: cells.map((cell, index) => {
          if (cell !== null && typeof cell !== "string") throw wrongType(index, "a string or null");
          return cell;
        }),
      };
  }
}
