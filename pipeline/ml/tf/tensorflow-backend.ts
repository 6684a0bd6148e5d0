import type { BackendSelection, SelectBackendOptions } from "./select-backend";

/**
 * TF.js needs a backend chosen once per process before the first neural model
 * trains. Where its wasm binaries live depends on the host (a URL in the browser
 * worker, a directory for the CLI and server), so the host configures it here.
 */
let configured: SelectBackendOptions = {};
let selection: Promise<BackendSelection> | undefined;

export function configureTensorFlowBackend(options: SelectBackendOptions): void {
  configured = options;
  selection = undefined;
}

export function ensureTensorFlowBackend(): Promise<BackendSelection> {
  selection ??= import("./select-backend").then(({ selectBackend }) => selectBackend(configured));
  return selection;
}
