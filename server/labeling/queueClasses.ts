import { z } from "zod";

const classesSchema = z.array(z.string());

/** A queue's classes as stored (a JSON array, key order); a row written wrong reads as no classes rather than failing the page. */
export function parseClasses(json: string): string[] {
  try {
    const parsed = classesSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
