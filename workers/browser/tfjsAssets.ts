import { z } from "zod";

/** Where the tfjs-backend-wasm binaries are served (public/tfjs/, filled by scripts/copy-tfjs-wasm.mjs). */
export const TFJS_WASM_PATHS = "/tfjs/";

/** The TF.js backends a browser can offer, in the order they are probed. */
export const BROWSER_BACKENDS = ["webgpu", "webgl", "wasm", "cpu"] as const;

export const browserBackendSchema = z.enum(BROWSER_BACKENDS);
export type BrowserBackend = z.infer<typeof browserBackendSchema>;
