import { z } from "zod";

/** What a deployment may be configured to accept; the router's input and the project archive share it. */
export const deploymentLimitsSchema = z.object({
  maxInstances: z.number().int().min(1).max(100_000),
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024),
  rateLimitPerSecond: z.number().positive().max(100_000),
  rateLimitBurst: z.number().int().min(1).max(1_000_000),
});
