import { z } from "zod";
import type { RunEvent } from "@/pipeline/runtime/events";

const nodeId = z.string().min(1).max(200);
const finite = z.number().finite();

/** The engine's RunEvent as a zod schema: browser runs report events through tRPC, and stored payloads are re-read. */
export const runEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("node-started"), nodeId, kind: z.string().min(1).max(100), fingerprint: z.string().min(1).max(128) }),
  z.object({ type: z.literal("node-finished"), nodeId, cached: z.boolean(), durationMs: finite, fingerprint: z.string().min(1).max(128) }),
  z.object({ type: z.literal("node-failed"), nodeId, error: z.string().max(10_000) }),
  z.object({
    type: z.literal("epoch"),
    nodeId,
    epoch: z.number().int(),
    epochs: z.number().int().optional(),
    loss: z.number().optional(),
    metrics: z.record(z.string(), z.number()),
  }),
  z.object({ type: z.literal("metric"), nodeId, name: z.string().min(1).max(200), value: z.number() }),
  z.object({ type: z.literal("log"), nodeId, level: z.enum(["info", "warn"]), message: z.string().max(10_000) }),
]) satisfies z.ZodType<RunEvent>;

export const runErrorSchema = z.object({ nodeId: z.string().optional(), message: z.string().max(10_000) });
export type RunError = z.infer<typeof runErrorSchema>;

export function parseRunError(json: string | null): RunError | null {
  return json === null ? null : runErrorSchema.parse(JSON.parse(json));
}
