import { z } from "zod";

const choiceValue = z.union([z.string(), z.number(), z.boolean()]);
export type ParamValue = z.infer<typeof choiceValue>;

export const dimensionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("float"), min: z.number(), max: z.number(), log: z.boolean().default(false) }),
  z.object({ type: z.literal("int"), min: z.number().int(), max: z.number().int(), log: z.boolean().default(false) }),
  z.object({ type: z.literal("choice"), values: z.array(choiceValue).min(1) }),
]);
export type Dimension = z.output<typeof dimensionSchema>;

/** Editable JSON search space: param name → range or choices. */
export const searchSpaceSchema = z.record(z.string().min(1), dimensionSchema).superRefine((space, ctx) => {
  for (const [name, d] of Object.entries(space)) {
    if (d.type === "choice") continue;
    if (!(d.max >= d.min)) ctx.addIssue({ code: "custom", message: `"${name}": max must be at least min`, path: [name] });
    if (d.log && d.min <= 0) ctx.addIssue({ code: "custom", message: `"${name}": a log-scale range needs min > 0`, path: [name] });
  }
});
export type SearchSpace = z.output<typeof searchSpaceSchema>;
export type ParamSet = Record<string, ParamValue>;

/** Names read as learning rates or regularisation strengths are searched on a log scale. */
const LOG_SCALE_NAME = /learning.?rate|^lr$|regulari[sz]ation|^alpha$|^lambda$|^l[12]$|weight.?decay|^c$/i;
/** Ranges up to this wide are enumerated, wider integer ranges get log-scale. */
const LOG_SCALE_INT_RATIO = 100;

export interface DeriveOptions {
  /** Only these params (default: every number, integer, enum and boolean param). */
  include?: string[];
  exclude?: string[];
  /** Force log scale for these params. */
  logScale?: string[];
}

/**
 * Search space from a model's zod params object: bounded numbers become ranges
 * (integers stay integers), enums and booleans become choices. Learning rates and
 * regularisation strengths, and integer ranges spanning more than 100×, are log scale;
 * a log range whose minimum is 0 starts at max / 10⁴ instead.
 */
export function searchSpaceFromParams(schema: z.ZodObject, options: DeriveOptions = {}): SearchSpace {
  const space: SearchSpace = {};
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (options.include && !options.include.includes(name)) continue;
    if (options.exclude?.includes(name)) continue;
    const inner = unwrap(field);
    if (inner instanceof z.ZodEnum) {
      space[name] = { type: "choice", values: inner.options as ParamValue[] };
    } else if (inner instanceof z.ZodBoolean) {
      space[name] = { type: "choice", values: [true, false] };
    } else if (inner instanceof z.ZodNumber) {
      const min = inner.minValue;
      const max = inner.maxValue;
      if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) continue;
      const isInt = inner.isInt;
      let log = options.logScale?.includes(name) === true || LOG_SCALE_NAME.test(name) || (isInt && min > 0 && max / min > LOG_SCALE_INT_RATIO);
      let low = min;
      if (log && low <= 0) low = max / 1e4;
      if (low >= max) log = false;
      space[name] = isInt ? { type: "int", min: Math.ceil(low), max, log } : { type: "float", min: low, max, log };
    }
  }
  return space;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      current = current.unwrap() as z.ZodType;
    } else return current;
  }
}

export function checkSearchSpace(spaceInput: unknown): SearchSpace {
  const result = searchSpaceSchema.safeParse(spaceInput);
  if (!result.success) throw new Error(`Invalid search space: ${z.prettifyError(result.error)}`);
  if (Object.keys(result.data).length === 0) {
    throw new Error("The search space is empty: give at least one parameter a range or choices (or pick a model with tunable parameters)");
  }
  return result.data;
}

/** Position u ∈ [0, 1] along a numeric dimension → value (rounded for ints). */
export function fromUnit(d: Extract<Dimension, { type: "float" | "int" }>, u: number): number {
  const x = d.log ? Math.exp(Math.log(d.min) + u * (Math.log(d.max) - Math.log(d.min))) : d.min + u * (d.max - d.min);
  const clamped = Math.min(d.max, Math.max(d.min, x));
  return d.type === "int" ? Math.round(clamped) : clamped;
}

export function toUnit(d: Extract<Dimension, { type: "float" | "int" }>, x: number): number {
  if (d.max === d.min) return 0.5;
  return d.log ? (Math.log(x) - Math.log(d.min)) / (Math.log(d.max) - Math.log(d.min)) : (x - d.min) / (d.max - d.min);
}
