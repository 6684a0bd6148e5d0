import { z } from "zod";

/**
 * A labeling queue's name. In the engine's contract because the Uncertainty sampler checks its params with it at
 * compile time, in the browser, while the server finds or creates the queue by the same name.
 */
export const labelingQueueNameSchema = z.string().trim().min(1, "Name the labeling queue the rows go to.").max(80, "Queue names are at most 80 characters.");
