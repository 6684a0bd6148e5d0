import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
(async () => {
  const req = createRequire(import.meta.url);
  const dir = req.resolve("@tensorflow/tfjs-backend-wasm").replace(/[^/]+$/, "");
  console.log(dir);
  setWasmPaths(process.argv[2] === "url" ? new URL("file://" + dir).href : dir);
  const ok = await tf.setBackend("wasm");
  console.log("ok", ok, tf.getBackend());
  console.log(tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])).dataSync());
  console.log(tf.getKernel("Conv2DBackpropFilter", "wasm"), !!tf.getKernel("Conv2DBackpropInput", "wasm"), !!tf.getKernel("MaxPoolGrad", "wasm"), !!tf.getKernel("AvgPoolGrad","wasm"));
})();
