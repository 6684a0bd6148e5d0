import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { conv2dBackpropFilterNHWC } from "./conv2d-backprop-filter";
import { selectBackend } from "./select-backend";
import { nodeWasmPaths } from "../../testing/nodeWasmPaths";

beforeAll(async () => {
  await selectBackend({ wasmPaths: nodeWasmPaths() });
});

/** Deterministic pseudo-random values in [-1, 1). */
function values(n: number, seed: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.sin((i + 1) * 12.9898 + seed * 78.233) % 1);
}

describe("selectBackend", () => {
  it("probes every working backend, records failures, and keeps the fastest", async () => {
    const result = await selectBackend({ preferred: ["no-such-backend", "wasm", "cpu"], probe: true, probeSeconds: 0.3 });
    expect(result.probes[0]).toEqual({ backend: "no-such-backend", error: 'backend "no-such-backend" is not registered' });
    const timed = result.probes.filter((p) => p.samplesPerSec !== undefined);
    expect(timed.map((p) => p.backend)).toEqual(["wasm", "cpu"]);
    const fastest = timed.reduce((a, b) => (b.samplesPerSec! > a.samplesPerSec! ? b : a));
    expect(result.backend).toBe(fastest.backend);
    expect(tf.getBackend()).toBe(result.backend);
    console.log("backend probes", JSON.stringify(result.probes));
  });

  it("without probing takes the first backend that starts", async () => {
    const result = await selectBackend({ preferred: ["no-such-backend", "wasm", "cpu"] });
    expect(result.backend).toBe("wasm");
    expect(tf.getBackend()).toBe("wasm");
  });
});

describe("Conv2DBackpropFilter (NHWC)", () => {
  type Shape4 = [number, number, number, number];
  const cases: { name: string; x: Shape4; filter: Shape4; strides: number | [number, number]; pad: "valid" | "same" }[] = [
    { name: "valid, stride 1", x: [2, 6, 5, 3], filter: [3, 3, 3, 4], strides: 1, pad: "valid" },
    { name: "same, stride 2", x: [1, 7, 6, 2], filter: [3, 2, 2, 3], strides: 2, pad: "same" },
    { name: "same, stride [2, 1]", x: [2, 5, 5, 1], filter: [2, 3, 1, 2], strides: [2, 1], pad: "same" },
  ];

  for (const c of cases) {
    it(`matches finite differences of a linear loss: ${c.name}`, async () => {
      for (const backend of ["wasm", "cpu"]) {
        await selectBackend({ preferred: [backend] });
        const x = tf.tensor4d(
          values(
            c.x.reduce((a, b) => a * b),
            1,
          ),
          c.x,
        );
        const w = values(
          c.filter.reduce((a, b) => a * b),
          2,
        );
        const out = tf.conv2d(x, tf.tensor4d(w, c.filter), c.strides, c.pad);
        const r = tf.tensor(values(out.size, 3), out.shape);
        // L(w) = Σ conv(x, w) · r is linear in w, so L(w + e_i) - L(w) is exactly ∂L/∂w_i (up to float32 rounding).
        const loss = (weights: Float32Array) => tf.tidy(() => tf.sum(tf.mul(tf.conv2d(x, tf.tensor4d(weights, c.filter), c.strides, c.pad), r)).dataSync()[0]!);
        const base = loss(w);
        const analytic = tf.tidy(() =>
          tf
            .grad((filter: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, filter as tf.Tensor4D, c.strides, c.pad), r)))(tf.tensor4d(w, c.filter))
            .dataSync(),
        );
        for (let i = 0; i < w.length; i++) {
          const bumped = w.slice();
          bumped[i]! += 1;
          expect(analytic[i]).toBeCloseTo(loss(bumped) - base, 3);
        }
        tf.dispose([x, out, r]);
      }
    });
  }

  it("the typed-array kernel agrees with a direct float64 sum on one weight", () => {
    // One image 3×3×1, one 2×2 filter, valid, stride 1 → dy is 2×2.
    // dW[0,0] = Σ_{oh,ow} x[oh, ow]·dy[oh, ow] = 1·1 + 2·2 + 4·3 + 5·4 = 37
    const x = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9);
    const dy = Float32Array.of(1, 2, 3, 4);
    const dW = conv2dBackpropFilterNHWC(x, dy, {
      batchSize: 1,
      inHeight: 3,
      inWidth: 3,
      inChannels: 1,
      outHeight: 2,
      outWidth: 2,
      outChannels: 1,
      filterHeight: 2,
      filterWidth: 2,
      strideHeight: 1,
      strideWidth: 1,
      dilationHeight: 1,
      dilationWidth: 1,
      padTop: 0,
      padLeft: 0,
    });
    // dW[1,1] = 5·1 + 6·2 + 8·3 + 9·4 = 77
    expect(Array.from(dW)).toEqual([37, 47, 67, 77]);
  });

  it("a tiny CNN trains on wasm and its gradients match the cpu backend", async () => {
    const build = () => {
      const model = tf.sequential({
        layers: [
          tf.layers.conv2d({
            inputShape: [8, 8, 1],
            filters: 4,
            kernelSize: 3,
            activation: "relu",
            kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
          }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 2, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
        ],
      });
      model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy" });
      return model;
    };
    // Class 1 images are bright in the top half, class 0 in the bottom half.
    const n = 64;
    const images = new Float32Array(n * 64);
    const labels = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const cls = i % 2;
      for (let p = 0; p < 64; p++) images[i * 64 + p] = p < 32 === (cls === 1) ? 1 : 0.1 * Math.abs(Math.sin(i * 64 + p));
      labels[i * 2 + cls] = 1;
    }
    const gradientsOn = async (backend: string) => {
      await selectBackend({ preferred: [backend] });
      const model = build();
      const xs = tf.tensor4d(images, [n, 8, 8, 1]);
      const ys = tf.tensor2d(labels, [n, 2]);
      const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(ys, model.apply(xs) as tf.Tensor) as tf.Scalar);
      // Insertion order follows the layers (conv kernel, conv bias, dense kernel, dense bias).
      const values = Object.values(grads).map((g) => Array.from(g.dataSync()));
      tf.dispose([xs, ys, ...Object.values(grads)]);
      model.dispose();
      return values;
    };
    const onCpu = await gradientsOn("cpu");
    const onWasm = await gradientsOn("wasm");
    expect(onWasm.map((g) => g.length)).toEqual([36, 4, 72, 2]);
    onWasm.forEach((g, i) => g.forEach((v, j) => expect(v).toBeCloseTo(onCpu[i]![j]!, 4)));

    const model = build();
    const xs = tf.tensor4d(images, [n, 8, 8, 1]);
    const ys = tf.tensor2d(labels, [n, 2]);
    const history = await model.fit(xs, ys, { epochs: 8, batchSize: 16, shuffle: false, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.5);
    tf.dispose([xs, ys]);
    model.dispose();
  });
});
