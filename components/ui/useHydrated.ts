"use client";

import { useSyncExternalStore } from "react";

const neverChanges = () => () => {};

/**
 * False while the page is server-rendered HTML and during hydration, true once React handles its
 * events. A controlled field changed before then is set back to its state when React takes over
 * (a "Where to run" picked right after a reload ran in the browser), so such fields wait for it.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
}
