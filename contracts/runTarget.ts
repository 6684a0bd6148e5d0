import { z } from "zod";

/** Where a run executes: in the browser that started it, or queued for a server worker. Stored as Run.target. */
export const RUN_TARGETS = ["browser", "server"] as const;
export const runTargetSchema = z.enum(RUN_TARGETS);
export type RunTarget = z.infer<typeof runTargetSchema>;
