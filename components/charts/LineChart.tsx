"use client";

import { CHART_COLORS, ChartAxes, extent, tick } from "./chartScale";

export interface LineSeries {
  name: string;
  points: { x: number; y: number }[];
}

const WIDTH = 320;
const HEIGHT = 160;
const PAD = { left: 40, right: 8, top: 8, bottom: 22 };

/** A small dependency-free SVG line chart for training curves and trial scores. */
export function LineChart({ series, xLabel, title, empty = "No data yet." }: { series: LineSeries[]; xLabel: string; title: string; empty?: string }) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0)
    return (
      <p role="note" aria-label={title} className="text-xs text-slate-500">
        {empty}
      </p>
    );
  const [x0, x1] = extent(all.map((p) => p.x));
  const [y0, y1] = extent(all.map((p) => p.y));
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * (WIDTH - PAD.left - PAD.right);
  const sy = (y: number) => HEIGHT - PAD.bottom - ((y - y0) / (y1 - y0)) * (HEIGHT - PAD.top - PAD.bottom);
  return (
    <figure className="flex flex-col gap-1">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} className="w-full max-w-md">
        <ChartAxes frame={{ width: WIDTH, height: HEIGHT, pad: PAD }} y0={y0} y1={y1} />
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
            stroke={CHART_COLORS[i % CHART_COLORS.length]}
            strokeWidth="1.5"
            points={s.points.map((p) => `${sx(p.x)},${sy(p.y)}`).join(" ")}
          />
        ))}
      </svg>
      <figcaption className="flex flex-wrap gap-3 text-[11px] text-slate-600">
        {series.map((s, i) => (
          <span key={s.name} className="flex items-center gap-1">
            <span className="inline-block h-0.5 w-3" style={{ background: CHART_COLORS[i % CHART_COLORS.length] }} />
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
