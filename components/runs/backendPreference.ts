import { browserBackendSchema, type BrowserBackend } from "@/workers/browser/tfjsAssets";

const STORAGE_KEY = "vajra.computeBackend";
const MEASURED_KEY = "vajra.measuredBackend";

/** The backend the user pinned on the Compute settings page, or null to let the probe decide. */
export function readBackendPreference(): BrowserBackend | null {
  const parsed = browserBackendSchema.safeParse(window.localStorage.getItem(STORAGE_KEY));
  return parsed.success ? parsed.data : null;
}

export function writeBackendPreference(backend: BrowserBackend | null): void {
  if (backend === null) window.localStorage.removeItem(STORAGE_KEY);
  else window.localStorage.setItem(STORAGE_KEY, backend);
}

/** The fastest backend the last probe in this browser measured (Compute page, a run, or a notebook kernel), or null. */
export function readMeasuredBackend(): BrowserBackend | null {
  const parsed = browserBackendSchema.safeParse(window.localStorage.getItem(MEASURED_KEY));
  return parsed.success ? parsed.data : null;
}

export function writeMeasuredBackend(backend: BrowserBackend): void {
  window.localStorage.setItem(MEASURED_KEY, backend);
}
