import type { RunEvent } from "@/pipeline/runtime/events";

export type NodeRunState = "queued" | "running" | "cached" | "done" | "failed";

export interface NodeProgress {
  state: NodeRunState;
  /** 0..1 while training reports epochs; undefined otherwise. */
  fraction?: number;
  durationMs?: number;
  error?: string;
}

export interface CurvePoint {
  epoch: number;
  value: number;
}

export interface RunProgress {
  nodes: Record<string, NodeProgress>;
  /** Per node, per series ("loss", "val_loss", metric names): the training curves. */
  curves: Record<string, Record<string, CurvePoint[]>>;
  metrics: Record<string, Record<string, number>>;
  logs: { nodeId: string; level: "info" | "warn" | "error"; message: string }[];
}

export function initialProgress(nodeIds: string[]): RunProgress {
  return {
    nodes: Object.fromEntries(nodeIds.map((id) => [id, { state: "queued" as const }])),
    curves: {},
    metrics: {},
    logs: [],
  };
}

/** Copies on write: earlier progress snapshots (React state) must not change. */
function addPoint(curves: RunProgress["curves"], nodeId: string, series: string, point: CurvePoint) {
  const node = { ...curves[nodeId] };
  node[series] = [...(node[series] ?? []), point];
  curves[nodeId] = node;
}

/** Folds one runner event into what the canvas and run panel show. Pure, so it is replayable from stored events. */
export function applyRunEvent(progress: RunProgress, event: RunEvent): RunProgress {
  const next: RunProgress = {
    nodes: { ...progress.nodes },
    curves: { ...progress.curves },
    metrics: { ...progress.metrics },
    logs: progress.logs,
  };
  switch (event.type) {
    case "node-started":
      next.nodes[event.nodeId] = { state: "running" };
      break;
    case "node-finished":
      next.nodes[event.nodeId] = { state: event.cached ? "cached" : "done", durationMs: event.durationMs, fraction: 1 };
      break;
    case "node-failed":
      next.nodes[event.nodeId] = { state: "failed", error: event.error };
      next.logs = [...progress.logs, { nodeId: event.nodeId, level: "error", message: event.error }];
      break;
    case "epoch": {
      const current = next.nodes[event.nodeId] ?? { state: "running" };
      next.nodes[event.nodeId] = {
        ...current,
        state: "running",
        ...(event.epochs ? { fraction: Math.min(1, event.epoch / event.epochs) } : {}),
      };
      if (event.loss !== undefined) addPoint(next.curves, event.nodeId, "loss", { epoch: event.epoch, value: event.loss });
      for (const [name, value] of Object.entries(event.metrics)) addPoint(next.curves, event.nodeId, name, { epoch: event.epoch, value });
      break;
    }
    case "metric":
      next.metrics[event.nodeId] = { ...next.metrics[event.nodeId], [event.name]: event.value };
      break;
    case "log":
      next.logs = [...progress.logs, { nodeId: event.nodeId, level: event.level, message: event.message }];
      break;
  }
  return next;
}
