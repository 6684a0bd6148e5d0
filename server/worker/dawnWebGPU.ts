/**
 * WebGPU for TF.js on a server: Dawn's Node bindings (the optional `webgpu` package, native
 * binaries for Linux, macOS and Windows) stand in for a browser's `navigator.gpu`. Only the
 * worker's backend probe loads this module, and only when it considers webgpu, so a CPU-only
 * server pays one failed adapter request and a browser bundle never sees the package.
 */

let provided: Promise<string | null> | undefined;

/**
 * Makes `navigator.gpu` and the WebGPU globals (GPUBufferUsage, GPUMapMode, …) TF.js's
 * webgpu backend uses exist in this process. Resolves to null when a GPU adapter is there,
 * otherwise to why webgpu cannot be used; asked once per process (Dawn's instance is reused).
 */
export function provideDawnWebGPU(): Promise<string | null> {
  provided ??= provide();
  return provided;
}

async function provide(): Promise<string | null> {
  let dawn: typeof import("webgpu");
  try {
    dawn = await import("webgpu");
  } catch (e) {
    // An optional dependency: absent where npm was told to omit it; present but unloadable where its binary does not fit this platform.
    if (isMissingPackage(e)) return `the optional "webgpu" package (Dawn's Node bindings) is not installed`;
    return `Dawn's Node bindings failed to load: ${e instanceof Error ? e.message : String(e)}`;
  }
  const gpu = dawn.create([]);
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
  } catch (e) {
    return `Dawn's adapter request failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  // Dawn also prints its own reason to stderr (here: that libvulkan.so.1 is missing).
  if (adapter === null) return "no GPU adapter (Dawn found no Vulkan/Metal/D3D12 device)";
  Object.assign(globalThis, dawn.globals);
  installNavigatorGpu(gpu);
  return null;
}

function isMissingPackage(e: unknown): boolean {
  const code = e instanceof Error && "code" in e ? e.code : undefined;
  return (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && e instanceof Error && e.message.includes("'webgpu'");
}

/** TF.js registers its webgpu backend only if `globalThis.navigator.gpu` exists when its package is first imported. */
function installNavigatorGpu(gpu: GPU): void {
  if (typeof globalThis.navigator === "object") {
    // Node ≥ 21 has a navigator of its own; add gpu to it.
    Object.defineProperty(globalThis.navigator, "gpu", { value: gpu, configurable: true });
  } else {
    // Node 20 has none: one shaped like Node 21's, so code that reads navigator.userAgent still finds a string.
    Object.defineProperty(globalThis, "navigator", {
      value: { gpu, userAgent: `Node.js/${process.versions.node.split(".")[0]}` },
      configurable: true,
      writable: true,
    });
  }
}
