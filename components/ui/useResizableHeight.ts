"use client";

import { useCallback, useEffect, useState, type KeyboardEvent, type PointerEvent } from "react";

const KEY_STEP_PX = 24;

/**
 * The height of a bottom panel the user drags (or moves with the arrow keys) from its top
 * edge, remembered per browser under `storageKey`, within [minPx, maxShare of the window].
 */
export function useResizableHeight(storageKey: string, initialPx: number, minPx: number, maxShare = 0.8) {
  const [height, setHeight] = useState(initialPx);
  const clamp = useCallback((px: number) => Math.round(Math.max(minPx, Math.min(px, window.innerHeight * maxShare))), [minPx, maxShare]);

  useEffect(() => {
    const stored = Number(window.localStorage.getItem(storageKey));
    // Read after mount: the server render has no localStorage, so both renders start from initialPx.
    if (Number.isFinite(stored) && stored > 0) setHeight(clamp(stored));
  }, [storageKey, clamp]);

  const commit = useCallback(
    (px: number) => {
      const next = clamp(px);
      setHeight(next);
      window.localStorage.setItem(storageKey, String(next));
    },
    [clamp, storageKey],
  );

  const onPointerDown = useCallback(
    (event: PointerEvent<HTMLElement>) => {
      event.preventDefault();
      const startY = event.clientY;
      const startHeight = height;
      const move = (e: globalThis.PointerEvent) => commit(startHeight + (startY - e.clientY));
      const up = () => {
        window.removeEventListener("pointermove", move);
        window.removeEventListener("pointerup", up);
      };
      window.addEventListener("pointermove", move);
      window.addEventListener("pointerup", up);
    },
    [commit, height],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (event.key === "ArrowUp") commit(height + KEY_STEP_PX);
      else if (event.key === "ArrowDown") commit(height - KEY_STEP_PX);
      else return;
      event.preventDefault();
    },
    [commit, height],
  );

  /** Spread on the drag handle: a focusable horizontal separator. */
  const handleProps = {
    role: "separator",
    "aria-orientation": "horizontal" as const,
    "aria-valuenow": height,
    tabIndex: 0,
    onPointerDown,
    onKeyDown,
  };
  return { height, handleProps };
}
