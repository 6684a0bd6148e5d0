import * as tf from "@tensorflow/tfjs";

/** The Conv2D geometry the gradient needs, as computed by tf.backend_util.computeConv2DInfo. */
export interface ConvGeometry {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padTop: number;
  padLeft: number;
}

/**
 * dW[kh, kw, ci, co] = Σ_{n, oh, ow} x[n, oh·sh + kh·dh - padTop, ow·sw + kw·dw - padLeft, ci] · dy[n, oh, ow, co]
 * for NHWC x and dy. For each output pixel and filter tap the contribution is the outer
 * product of an input channel vector and an output-gradient vector (the im2col row times the
 * dy row), accumulated straight into dW so no im2col matrix is materialised.
 */
export function conv2dBackpropFilterNHWC(x: Float32Array, dy: Float32Array, g: ConvGeometry): Float32Array {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: K } = g;
  const dW = new Float32Array(g.filterHeight * g.filterWidth * C * K);
  const acc = new Float64Array(dW.length);
  for (let n = 0; n < g.batchSize; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const dyBase = ((n * OH + oh) * OW + ow) * K;
        for (let kh = 0; kh < g.filterHeight; kh++) {
          const ih = oh * g.strideHeight + kh * g.dilationHeight - g.padTop;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < g.filterWidth; kw++) {
            const iw = ow * g.strideWidth + kw * g.dilationWidth - g.padLeft;
            if (iw < 0 || iw >= W) continue;
            const xBase = ((n * H + ih) * W + iw) * C;
            const wBase = (kh * g.filterWidth + kw) * C * K;
            for (let ci = 0; ci < C; ci++) {
              const xv = x[xBase + ci]!;
              if (xv === 0) continue;
              const rowBase = wBase + ci * K;
              for (let co = 0; co < K; co++) acc[rowBase + co]! += xv * dy[dyBase + co]!;
            }
          }
        }
      }
    }
  }
  for (let i = 0; i < dW.length; i++) dW[i] = acc[i]!;
  return dW;
}

/** The parts of the cpu and wasm backend classes this kernel touches (their types are not exported from @tensorflow/tfjs). */
interface ReadableBackend {
  readSync(dataId: tf.DataId): unknown;
}
type OutputWriter = (backend: unknown, shape: number[], values: Float32Array) => tf.TensorInfo;

const OUTPUT_WRITERS: Record<string, OutputWriter> = {
  cpu: (backend, shape, values) =>
    (backend as { makeTensorInfo(s: number[], d: "float32", v: Float32Array): tf.TensorInfo }).makeTensorInfo(shape, "float32", values),
  wasm: (backend, shape, values) =>
    (backend as { makeOutput(s: number[], d: "float32", o: undefined, v: Float32Array): tf.TensorInfo }).makeOutput(shape, "float32", undefined, values),
};

function readFloat32(backend: ReadableBackend, info: tf.TensorInfo): Float32Array {
  const values = backend.readSync(info.dataId);
  if (!(values instanceof Float32Array)) throw new Error(`Conv2DBackpropFilter expects float32 tensors, got ${info.dtype}`);
  return values;
}

/**
 * Registers the typed-array Conv2DBackpropFilter for the cpu and wasm backends: wasm ships
 * none (CNN training fails without it) and cpu's is ~50× slower. Replaces any existing
 * registration; safe to call more than once.
 */
export function registerConvGradientKernels(backends: string[] = Object.keys(OUTPUT_WRITERS)): void {
  for (const backendName of backends) {
    const writeOutput = OUTPUT_WRITERS[backendName];
    if (!writeOutput) throw new Error(`No Conv2DBackpropFilter implementation for backend "${backendName}"`);
    if (tf.getKernel(tf.Conv2DBackpropFilter, backendName)) tf.unregisterKernel(tf.Conv2DBackpropFilter, backendName);
    tf.registerKernel({
      kernelName: tf.Conv2DBackpropFilter,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { x, dy } = inputs as unknown as tf.Conv2DBackpropFilterInputs;
        const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
        if (dataFormat !== "NHWC") throw new Error(`Conv2DBackpropFilter on ${backendName} supports NHWC only, got ${dataFormat}`);
        const info = tf.backend_util.computeConv2DInfo(
          x!.shape as [number, number, number, number],
          filterShape,
          strides,
          1,
          pad,
          dimRoundingMode,
          false,
          "channelsLast",
        );
        const geometry: ConvGeometry = {
          batchSize: info.batchSize,
          inHeight: info.inHeight,
          inWidth: info.inWidth,
          inChannels: info.inChannels,
          outHeight: info.outHeight,
          outWidth: info.outWidth,
          outChannels: info.outChannels,
          filterHeight: info.filterHeight,
          filterWidth: info.filterWidth,
          strideHeight: info.strideHeight,
          strideWidth: info.strideWidth,
          dilationHeight: info.dilationHeight,
          dilationWidth: info.dilationWidth,
          padTop: info.padInfo.top,
          padLeft: info.padInfo.left,
        };
        const readable = backend as ReadableBackend;
        const dW = conv2dBackpropFilterNHWC(readFloat32(readable, x!), readFloat32(readable, dy!), geometry);
        return writeOutput(backend, [...filterShape], dW);
      },
    });
  }
}
