import type { BackendSelection, SelectBackendOptions } from "./select-backend";

/**
 * TF.js needs a backend chosen once per process before the first neural model
 * trains. Where its wasm binaries live depends on the host (a URL in the browser
 * worker, a directory for the CLI and server), so the host configures it here —
 * or, where the host itself owns the choice (the browser run worker measures and
 * remembers it), provides the selection, asked each time a model needs TF.js.
 */
let configured: SelectBackendOptions = {};
let selection: Promise<BackendSelection> | undefined;
let provided: (() => Promise<BackendSelection>) | undefined;

export function configureTensorFlowBackend(options: SelectBackendOptions): void {
  configured = options;
  selection = undefined;
  provided = undefined;
}

/** The host picks (and may change) the backend; models wait for its answer before they touch TF.js. */
export function provideTensorFlowBackend(select: () => Promise<BackendSelection>): void {
  provided = select;
  selection = undefined;
}

export function ensureTensorFlowBackend(): Promise<BackendSelection> {
  if (provided !== undefined) return provided();
  selection ??= import("./select-backend").then(({ selectBackend }) => selectBackend(configured));
  return selection;
}
