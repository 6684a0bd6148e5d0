import { z } from "zod";

/**
 * Column-valued params are ordinary zod strings tagged through zod metadata, so the
 * tag survives `.describe()` / `.optional()`, shows up in the exported JSON Schema
 * (`"column": "single"`) for the inspector's column pickers, and lets the compiler
 * find every column reference in a node's params without per-node code.
 */
export interface ColumnMeta {
  /** Every column-valued string is tagged "single"; a list of columns is an array of them. */
  column: "single";
  /** Input port whose schema the column must exist in; defaults to the first table-like input. */
  port?: string;
  /** When left empty, the compiler fills in the target column chosen upstream (a LabeledTable's label). */
  defaultsToTarget?: boolean;
}

export function columnParam(description: string, port?: string) {
  return z
    .string()
    .min(1)
    .meta({ column: "single", ...(port === undefined ? {} : { port }) })
    .describe(description);
}

/**
 * The column a model predicts. Optional in the params: when the input carries a
 * target (e.g. from a label model), the compiler writes that column into the spec.
 */
export function targetColumnParam(description: string) {
  return z.string().min(1).meta({ column: "single", defaultsToTarget: true }).describe(description).optional();
}

export function columnListParam(description: string, port?: string) {
  return z
    .array(
      z
        .string()
        .min(1)
        .meta({ column: "single", ...(port === undefined ? {} : { port }) }),
    )
    .describe(description);
}

export interface ColumnReference {
  /** Dotted path into the params, e.g. `casts.0.column`. */
  param: string;
  column: string;
  port?: string;
}

function columnMetaOf(schema: z.ZodType): ColumnMeta | undefined {
  const meta = z.globalRegistry.get(schema);
  if (meta === undefined) return undefined;
  const role = meta["column"];
  if (role !== "single") return undefined;
  const port = meta["port"];
  return {
    column: role,
    ...(typeof port === "string" ? { port } : {}),
    ...(meta["defaultsToTarget"] === true ? { defaultsToTarget: true } : {}),
  };
}

/** Top-level params that default to the upstream target column (see targetColumnParam). */
export function targetDefaultedParams(schema: z.ZodType): string[] {
  const def = schema._zod.def;
  if (def.type !== "object") return [];
  const shape = (def as unknown as { shape: Record<string, z.ZodType> }).shape;
  return Object.entries(shape)
    .filter(([, child]) => {
      const inner = child._zod.def.type === "optional" ? (child._zod.def as unknown as { innerType: z.ZodType }).innerType : child;
      return columnMetaOf(inner)?.defaultsToTarget === true;
    })
    .map(([key]) => key);
}

/** Every column name that a (parsed) params value refers to, with where it sits. */
export function findColumnReferences(schema: z.ZodType, value: unknown): ColumnReference[] {
  const found: ColumnReference[] = [];
  walk(schema, value, [], found);
  return found;
}

function walk(schema: z.ZodType, value: unknown, path: (string | number)[], found: ColumnReference[]): void {
  if (value === undefined || value === null) return;
  const meta = columnMetaOf(schema);
  if (meta !== undefined && typeof value === "string") {
    found.push({ param: path.join("."), column: value, ...(meta.port === undefined ? {} : { port: meta.port }) });
    return;
  }
  const def = schema._zod.def;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
    case "catch":
      walk((def as unknown as { innerType: z.ZodType }).innerType, value, path, found);
      return;
    case "pipe":
      walk((def as unknown as { out: z.ZodType }).out, value, path, found);
      return;
    case "object": {
      if (typeof value !== "object") return;
      const shape = (def as unknown as { shape: Record<string, z.ZodType> }).shape;
      const record = value as Record<string, unknown>;
      for (const [key, child] of Object.entries(shape)) walk(child, record[key], [...path, key], found);
      return;
    }
    case "array": {
      if (!Array.isArray(value)) return;
      const element = (def as unknown as { element: z.ZodType }).element;
      value.forEach((item, index) => walk(element, item, [...path, index], found));
      return;
    }
    case "record": {
      if (typeof value !== "object") return;
      const valueType = (def as unknown as { valueType: z.ZodType }).valueType;
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        walk(valueType, item, [...path, key], found);
      }
      return;
    }
    case "union": {
      const options = (def as unknown as { options: z.ZodType[] }).options;
      const matching = options.find((option) => option.safeParse(value).success);
      if (matching !== undefined) walk(matching, value, path, found);
      return;
    }
    default:
      return;
  }
}
