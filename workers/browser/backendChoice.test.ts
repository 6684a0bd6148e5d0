import { describe, expect, it } from "vitest";
import { ensureTensorFlowBackend, provideTensorFlowBackend } from "@/pipeline/ml/tf/tensorflow-backend";
import { BackendChoice } from "./backendChoice";

// In Node only cpu (and sometimes wasm) can start, which is enough to see what is measured and what is not.
describe("BackendChoice warm-up", () => {
  it("starts on the backend this browser measured before, without probing", async () => {
    const choice = new BackendChoice();
    const report = await choice.warmUp("cpu");
    expect(report.active).toBe("cpu");
    expect(report.chosen).toBe("cpu");
    expect(report.probes).toEqual([]);
    expect(await choice.ensure()).toBe("cpu");
  });

  it("measures again when the remembered backend no longer starts", async () => {
    const choice = new BackendChoice();
    const report = await choice.warmUp("webgl");
    expect(report.probes.map((p) => p.backend)).toEqual(["webgpu", "webgl", "wasm", "cpu"]);
    expect(report.probes.find((p) => p.backend === "webgl")?.error).toBeTruthy();
    expect(["wasm", "cpu"]).toContain(report.active);
  }, 30_000);

  it("lets a model that asks during the warm-up wait for it instead of starting a second probe", async () => {
    const choice = new BackendChoice();
    provideTensorFlowBackend(async () => ({ backend: await choice.ensure(), probes: [] }));
    const warming = choice.warmUp(null);
    const asked = ensureTensorFlowBackend();
    const [report, selection] = await Promise.all([warming, asked]);
    expect(selection.backend).toBe(report.active);
    // One probe: the model's request found the backend the warm-up activated.
    expect(report.probes.length).toBe(4);
    expect(choice.report().probes).toBe(report.probes);
  }, 30_000);
});
