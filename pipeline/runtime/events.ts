/** Progress events a run emits; JSON-safe so they can cross comlink and tRPC subscriptions. */
export type RunEvent =
  | { type: "node-started"; nodeId: string; kind: string; fingerprint: string }
  | { type: "node-finished"; nodeId: string; cached: boolean; durationMs: number; fingerprint: string }
  | { type: "node-failed"; nodeId: string; error: string }
  /** Training progress; `loss` is absent where a step of progress has none (a tuner's trial has a score instead). */
  | { type: "epoch"; nodeId: string; epoch: number; epochs?: number; loss?: number; metrics: Record<string, number> }
  | { type: "metric"; nodeId: string; name: string; value: number }
  | { type: "log"; nodeId: string; level: "info" | "warn"; message: string };

export type RunEventListener = (event: RunEvent) => void;
