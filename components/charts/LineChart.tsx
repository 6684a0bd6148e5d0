"use client";

export interface LineSeries {
  name: string;
  points: { x: number; y: number }[];
}

const COLORS = ["#4f46e5", "#e11d48", "#059669", "#d97706", "#0891b2", "#7c3aed"];
const WIDTH = 320;
const HEIGHT = 160;
const PAD = { left: 40, right: 8, top: 8, bottom: 22 };

function extent(values: number[]): [number, number] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min === max ? [min - 1, max + 1] : [min, max];
}

function tick(value: number): string {
  return Math.abs(value) >= 100 || Number.isInteger(value) ? value.toFixed(0) : value.toPrecision(3);
}

/** A small dependency-free SVG line chart for training curves and trial scores. */
export function LineChart({ series, xLabel, title }: { series: LineSeries[]; xLabel: string; title: string }) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return <p className="text-xs text-slate-500">No data yet.</p>;
  const [x0, x1] = extent(all.map((p) => p.x));
  const [y0, y1] = extent(all.map((p) => p.y));
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * (WIDTH - PAD.left - PAD.right);
  const sy = (y: number) => HEIGHT - PAD.bottom - ((y - y0) / (y1 - y0)) * (HEIGHT - PAD.top - PAD.bottom);
  return (
    <figure className="flex flex-col gap-1">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} className="w-full max-w-md">
        <line x1={PAD.left} y1={HEIGHT - PAD.bottom} x2={WIDTH - PAD.right} y2={HEIGHT - PAD.bottom} stroke="#cbd5e1" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={HEIGHT - PAD.bottom} stroke="#cbd5e1" />
        <text x={PAD.left - 4} y={PAD.top + 8} textAnchor="end" fontSize="9" fill="#64748b">
          {tick(y1)}
        </text>
        <text x={PAD.left - 4} y={HEIGHT - PAD.bottom} textAnchor="end" fontSize="9" fill="#64748b">
          {tick(y0)}
        </text>
        <text x={PAD.left} y={HEIGHT - 6} fontSize="9" fill="#64748b">
          {tick(x0)}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end" fontSize="9" fill="#64748b">
          {tick(x1)} {xLabel}
        </text>
        {series.map((s, i) => (
          <polyline
            key={s.name}
            fill="none"
            stroke={COLORS[i % COLORS.length]}
            strokeWidth="1.5"
            points={s.points.map((p) => `${sx(p.x)},${sy(p.y)}`).join(" ")}
          />
        ))}
      </svg>
      <figcaption className="flex flex-wrap gap-3 text-[11px] text-slate-600">
        {series.map((s, i) => (
          <span key={s.name} className="flex items-center gap-1">
            <span className="inline-block h-0.5 w-3" style={{ background: COLORS[i % COLORS.length] }} />
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
