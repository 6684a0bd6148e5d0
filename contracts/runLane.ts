import { z } from "zod";

/**
 * A server run's queue lane. "interactive": someone is waiting for it (the canvas, the API by default);
 * "batch": scheduled and bulk work, which yields to interactive runs. Stored as Run.lane.
 */
export const RUN_LANES = ["interactive", "batch"] as const;
export const runLaneSchema = z.enum(RUN_LANES);
export type RunLane = z.infer<typeof runLaneSchema>;
