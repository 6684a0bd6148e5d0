import { describe, expect, it } from "vitest";
import { applyRunEvent, initialProgress } from "./runProgress";
import type { RunEvent } from "@/pipeline/runtime/events";

describe("run progress", () => {
  it("tracks node states, training fraction, curves and metrics from runner events", () => {
    const events: RunEvent[] = [
      { type: "node-started", nodeId: "load", kind: "load", fingerprint: "a" },
      { type: "node-finished", nodeId: "load", cached: true, durationMs: 3, fingerprint: "a" },
      { type: "node-started", nodeId: "model", kind: "mlp", fingerprint: "b" },
      { type: "epoch", nodeId: "model", epoch: 1, epochs: 4, loss: 0.9, metrics: { val_loss: 1.1 } },
      { type: "epoch", nodeId: "model", epoch: 2, epochs: 4, loss: 0.5, metrics: { val_loss: 0.7 } },
    ];
    const progress = events.reduce(applyRunEvent, initialProgress(["load", "model", "evaluate"]));
    const afterFirstEpoch = events.slice(0, 4).reduce(applyRunEvent, initialProgress(["load", "model", "evaluate"]));
    expect(progress.nodes).toEqual({
      load: { state: "cached", durationMs: 3, fraction: 1 },
      model: { state: "running", fraction: 0.5 },
      evaluate: { state: "queued" },
    });
    expect(progress.curves["model"]).toEqual({
      loss: [
        { epoch: 1, value: 0.9 },
        { epoch: 2, value: 0.5 },
      ],
      val_loss: [
        { epoch: 1, value: 1.1 },
        { epoch: 2, value: 0.7 },
      ],
    });
    const done = [
      { type: "node-finished", nodeId: "model", cached: false, durationMs: 40, fingerprint: "b" },
      { type: "metric", nodeId: "evaluate", name: "accuracy", value: 0.95 },
      { type: "node-failed", nodeId: "evaluate", error: "boom" },
    ] satisfies RunEvent[];
    const final = done.reduce(applyRunEvent, progress);
    expect(final.nodes["model"]).toEqual({ state: "done", durationMs: 40, fraction: 1 });
    expect(final.metrics).toEqual({ evaluate: { accuracy: 0.95 } });
    expect(final.nodes["evaluate"]).toEqual({ state: "failed", error: "boom" });
    expect(final.logs).toEqual([{ nodeId: "evaluate", level: "error", message: "boom" }]);
    expect(progress.nodes["model"]).toEqual({ state: "running", fraction: 0.5 });
    expect(applyRunEvent(afterFirstEpoch, events[4]!).curves["model"]?.["loss"]).toHaveLength(2);
    expect(afterFirstEpoch.curves["model"]?.["loss"]).toHaveLength(1);
  });
});
