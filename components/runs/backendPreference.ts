import { browserBackendSchema, type BrowserBackend } from "@/workers/browser/tfjsAssets";

const STORAGE_KEY = "vajra.computeBackend";

/** The backend the user pinned on the Compute settings page, or null to let the probe decide. */
export function readBackendPreference(): BrowserBackend | null {
  const parsed = browserBackendSchema.safeParse(window.localStorage.getItem(STORAGE_KEY));
  return parsed.success ? parsed.data : null;
}

export function writeBackendPreference(backend: BrowserBackend | null): void {
  if (backend === null) window.localStorage.removeItem(STORAGE_KEY);
  else window.localStorage.setItem(STORAGE_KEY, backend);
}
