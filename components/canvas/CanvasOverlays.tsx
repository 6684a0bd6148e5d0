"use client";

import { Alert } from "@/components/ui/Alert";

/** Shown over an empty canvas: where to start, or that there is nothing to see. */
export function EmptyCanvasHint({ editable }: { editable: boolean }) {
  return (
    <p className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm text-slate-400">
      {editable ? "Drag a node from the palette, starting with Data → Load." : "This pipeline is empty."}
    </p>
  );
}

/** A short message at the bottom of the canvas (see useToast). */
export function CanvasToast({ message }: { message: string }) {
  return (
    <div className="absolute bottom-4 left-1/2 z-20 -translate-x-1/2" data-testid="toast">
      <Alert tone="info">{message}</Alert>
    </div>
  );
}
