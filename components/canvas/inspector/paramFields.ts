/**
 * Turns a node's params JSON Schema (from the catalog) into form fields, so the
 * inspector never needs per-node code: a new node kind gets a form for free.
 */
type JsonSchema = Record<string, unknown>;

interface FieldBase {
  key: string;
  label: string;
  description?: string;
  required: boolean;
  defaultValue?: unknown;
}

export type ParamField =
  | (FieldBase & { kind: "column"; port?: string })
  | (FieldBase & { kind: "columns"; port?: string })
  | (FieldBase & { kind: "enum"; options: string[]; optionLabels?: Record<string, string> })
  | (FieldBase & { kind: "number"; integer: boolean; min?: number; max?: number })
  | (FieldBase & { kind: "boolean" })
  | (FieldBase & { kind: "text" })
  | (FieldBase & { kind: "code"; mediaType: string })
  | (FieldBase & { kind: "strings" })
  | (FieldBase & { kind: "list"; itemFields: ParamField[] })
  /** A tuner's search space over the hyperparameters of the model kind that the param `modelParam` names. */
  | (FieldBase & { kind: "searchSpace"; modelParam: string })
  | (FieldBase & { kind: "json" });

function asSchema(value: unknown): JsonSchema | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonSchema) : undefined;
}

/** "maxIterations" → "Max iterations" */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isColumn(schema: JsonSchema | undefined): boolean {
  return schema?.["column"] === "single";
}

/** Safe integers are what zod's `.int()` exports as bounds; they are no real limit for a form. */
function bound(value: unknown): number | undefined {
  return typeof value === "number" && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;
}

function fieldFor(key: string, schema: JsonSchema, required: boolean): ParamField {
  const base: FieldBase = {
    key,
    label: humanize(key),
    required: required && !("default" in schema),
    ...(typeof schema["description"] === "string" ? { description: schema["description"] } : {}),
    ...("default" in schema ? { defaultValue: schema["default"] } : {}),
  };
  const port = typeof schema["port"] === "string" ? { port: schema["port"] } : {};
  if (isColumn(schema)) return { ...base, kind: "column", ...port };
  if (typeof schema["searchSpaceOf"] === "string") return { ...base, kind: "searchSpace", modelParam: schema["searchSpaceOf"] };
  if (Array.isArray(schema["enum"]) && schema["enum"].every((v) => typeof v === "string")) {
    // Node params may name their options for people (zod .meta({ enumLabels })), e.g. model kinds by title.
    const labels = asSchema(schema["enumLabels"]);
    const optionLabels = labels && Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === "string"));
    return { ...base, kind: "enum", options: schema["enum"] as string[], ...(optionLabels ? { optionLabels } : {}) };
  }
  const type = schema["type"];
  if (type === "number" || type === "integer") {
    const min = bound(schema["minimum"]);
    const max = bound(schema["maximum"]);
    return {
      ...base,
      kind: "number",
      integer: type === "integer",
      ...(min === undefined ? {} : { min }),
      ...(max === undefined ? {} : { max }),
    };
  }
  if (type === "boolean") return { ...base, kind: "boolean" };
  if (type === "string") {
    // Source code params declare their media type (e.g. text/javascript) and get a multi-line editor.
    const mediaType = schema["contentMediaType"];
    return typeof mediaType === "string" ? { ...base, kind: "code", mediaType } : { ...base, kind: "text" };
  }
  if (type === "array") {
    const items = asSchema(schema["items"]);
    const itemPort = typeof items?.["port"] === "string" ? { port: items["port"] } : port;
    if (isColumn(items)) return { ...base, kind: "columns", ...itemPort };
    if (items?.["type"] === "string" && !Array.isArray(items["enum"])) return { ...base, kind: "strings" };
    if (items?.["type"] === "object") {
      const itemFields = fieldsFromSchema(items);
      if (itemFields.every((f) => f.kind !== "json" && f.kind !== "list")) return { ...base, kind: "list", itemFields };
    }
  }
  return { ...base, kind: "json" };
}

export function fieldsFromSchema(schema: JsonSchema): ParamField[] {
  const properties = asSchema(schema["properties"]) ?? {};
  const required = new Set(Array.isArray(schema["required"]) ? (schema["required"] as string[]) : []);
  return Object.entries(properties).flatMap(([key, value]) => {
    const property = asSchema(value);
    return property ? [fieldFor(key, property, required.has(key))] : [];
  });
}
