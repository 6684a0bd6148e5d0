/** What every chart shares: series colours, axis ranges, tick labels and the two axes. */
export const CHART_COLORS = ["#4f46e5", "#e11d48", "#059669", "#d97706", "#0891b2", "#7c3aed"];

export interface ChartFrame {
  width: number;
  height: number;
  pad: { left: number; right: number; top: number; bottom: number };
}

/** Min and max without spreading (safe for long series); a flat or empty series still gets a visible range. */
export function extent(values: readonly number[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min)) return [0, 1];
  if (min !== max) return [min, max];
  // All zeros (no requests, no errors) has no scale of its own: 0 to 1, never a -1 no count can reach.
  if (min === 0) return [0, 1];
  // A flat series sits mid-chart at its own scale: ±1 around an accuracy of 0.87 would squash it against the axis labels.
  const pad = Math.abs(min) * 0.05;
  return [min - pad, max + pad];
}

export function tick(value: number): string {
  return Math.abs(value) >= 100 || Number.isInteger(value) ? value.toFixed(0) : value.toPrecision(3);
}

/** The x and y axis lines with the y range labelled at both ends. */
export function ChartAxes({ frame, y0, y1 }: { frame: ChartFrame; y0: number; y1: number }) {
  const { width, height, pad } = frame;
  return (
    <>
      <line x1={pad.left} y1={height - pad.bottom} x2={width - pad.right} y2={height - pad.bottom} stroke="#cbd5e1" />
      <line x1={pad.left} y1={pad.top} x2={pad.left} y2={height - pad.bottom} stroke="#cbd5e1" />
      <text x={pad.left - 4} y={pad.top + 8} textAnchor="end" fontSize="9" fill="#64748b">
        {tick(y1)}
      </text>
      <text x={pad.left - 4} y={height - pad.bottom} textAnchor="end" fontSize="9" fill="#64748b">
        {tick(y0)}
      </text>
    </>
  );
}
