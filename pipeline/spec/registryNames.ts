import { z } from "zod";

/**
 * Names in the model registry. They live in the engine's contract because the Deploy node checks its params
 * with them at compile time, in the browser, while the server's registry validates what it stores with the same rules.
 */
export const registeredModelNameSchema = z.string().trim().min(1, "Give the model a name.").max(80, "Model names are at most 80 characters.");

/** Lowercase, like MLflow's conventional `champion` / `challenger`, so aliases compare without surprises. */
export const aliasNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, "An alias is 1–40 lowercase letters, digits, - or _, starting with a letter (e.g. champion).");
