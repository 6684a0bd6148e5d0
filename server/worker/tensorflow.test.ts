import * as tf from "@tensorflow/tfjs";
import { create } from "webgpu";
import { describe, expect, it } from "vitest";
import { selectNodeBackend } from "./tensorflow";

// Asked of Dawn directly, so each machine runs the test that fits it: CPU-only ones (these) the skip, GPU ones the race.
const hasGpuAdapter = (await create([]).requestAdapter()) !== null;

/** How the worker reports a backend that was timed and lost: `cpu skipped: 8,727 samples/s, slower than wasm (21,795 samples/s)`. */
const slowerThan = (winner: string) => new RegExp(`^(\\w+) skipped: [\\d,]+ samples/s, slower than ${winner} \\([\\d,]+ samples/s\\)$`);

describe("a server worker's TF.js backend", () => {
  it.runIf(!hasGpuAdapter)("without a GPU adapter skips webgpu, says why, and takes the faster of wasm and cpu", async () => {
    const lines: string[] = [];
    const backend = await selectNodeBackend(undefined, (line) => lines.push(line));
    console.log("worker backend probe:", backend, lines);
    expect(["wasm", "cpu"]).toContain(backend);
    expect(tf.getBackend()).toBe(backend);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("webgpu skipped: no GPU adapter (Dawn found no Vulkan/Metal/D3D12 device)");
    expect(lines[1]).toMatch(slowerThan(backend));
    expect(lines[1]!.split(" ")[0]).toBe(backend === "wasm" ? "cpu" : "wasm");
  });

  it.runIf(hasGpuAdapter)("with a GPU adapter times webgpu against wasm and cpu and keeps the fastest", async () => {
    const lines: string[] = [];
    const backend = await selectNodeBackend(undefined, (line) => lines.push(line));
    console.log("worker backend probe:", backend, lines);
    expect(tf.getBackend()).toBe(backend);
    // Every backend but the chosen one was timed and lost: webgpu started on Dawn rather than being skipped.
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(slowerThan(backend));
    expect([backend, ...lines.map((line) => line.split(" ")[0])].sort()).toEqual(["cpu", "wasm", "webgpu"]);
  });

  it("tries only the backends VAJRA_TF_BACKENDS names", async () => {
    const lines: string[] = [];
    expect(await selectNodeBackend(["wasm"], (line) => lines.push(line))).toBe("wasm");
    expect(lines).toEqual([]);
  });
});
