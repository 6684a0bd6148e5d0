"use client";

import * as Plot from "@observablehq/plot";
import { useEffect, useRef } from "react";

/**
 * Draws an Observable Plot chart into a div. Plot builds real DOM (not React elements), so the SVG is made in an
 * effect, swapped whole when the options change, and removed on unmount. The wrapper carries the accessible name.
 */
export function ObservablePlot({ options, label, className }: { options: Plot.PlotOptions; label: string; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = ref.current;
    if (host === null) return;
    const chart = Plot.plot({ style: { fontSize: "10px", background: "transparent" }, ...options });
    host.replaceChildren(chart);
    return () => chart.remove();
  }, [options]);
  return <div ref={ref} role="img" aria-label={label} className={className} />;
}
