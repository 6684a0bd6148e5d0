import { z } from "zod";

/**
 * schema.parse with an Error whose message a user can read
 * ("Invalid split parameters: ✖ … → at stratify") instead of zod's JSON dump.
 */
export function parseParams<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`Invalid ${what}: ${z.prettifyError(result.error)}`);
  return result.data;
}
