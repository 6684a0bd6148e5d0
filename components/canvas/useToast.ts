"use client";

import { useEffect, useState } from "react";

const TOAST_MS = 5000;

/** A short message over the canvas that hides itself after a few seconds; a new message restarts the clock. */
export function useToast(initial: string | null) {
  const [toast, setToast] = useState<string | null>(initial);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);
  const notify: (message: string) => void = setToast;
  return { toast, notify };
}
