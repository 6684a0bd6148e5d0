"use client";

import type { PlotOutput } from "@/contracts/notebookCells";
import { CHART_COLORS, ChartAxes, extent, tick } from "./chartScale";

const WIDTH = 480;
const HEIGHT = 260;
const PAD = { left: 48, right: 12, top: 24, bottom: 34 };

/** A dependency-free SVG chart for notebook `display.plot(...)`: line, scatter, bar and (pre-binned) histogram. */
export function PlotChart({ plot }: { plot: PlotOutput }) {
  const categorical = plot.x.some((x) => typeof x === "string");
  const xs = plot.x.map((x, i) => (typeof x === "number" && !categorical ? x : i));
  const groups = [...new Set(plot.group ?? [""])];
  const color = (i: number) => CHART_COLORS[Math.max(0, groups.indexOf(plot.group?.[i] ?? "")) % CHART_COLORS.length]!;
  const bars = plot.kind === "bar" || plot.kind === "histogram";
  const [x0, x1] = bars ? padBars(xs) : extent(xs);
  const [y0, y1] = bars ? [Math.min(0, ...plot.y), Math.max(0, ...plot.y) || 1] : extent(plot.y);
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * (WIDTH - PAD.left - PAD.right);
  const sy = (y: number) => HEIGHT - PAD.bottom - ((y - y0) / (y1 - y0)) * (HEIGHT - PAD.top - PAD.bottom);
  const barWidth = bars ? Math.max(1, (sx(x0 + barStep(xs)) - sx(x0)) * 0.9) : 0;
  const title = plot.title ?? `${plot.kind} plot`;
  return (
    <figure className="flex flex-col gap-1" data-testid="plot">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} className="w-full max-w-xl" data-kind={plot.kind}>
        {plot.title && (
          <text x={WIDTH / 2} y={14} textAnchor="middle" fontSize="11" fill="#334155">
            {plot.title}
          </text>
        )}
        <ChartAxes frame={{ width: WIDTH, height: HEIGHT, pad: PAD }} y0={y0} y1={y1} />
        {!categorical && (
          <>
            <text x={PAD.left} y={HEIGHT - PAD.bottom + 12} fontSize="9" fill="#64748b">
              {tick(x0)}
            </text>
            <text x={WIDTH - PAD.right} y={HEIGHT - PAD.bottom + 12} textAnchor="end" fontSize="9" fill="#64748b">
              {tick(x1)}
            </text>
          </>
        )}
        {plot.xLabel && (
          <text x={(WIDTH + PAD.left) / 2} y={HEIGHT - 4} textAnchor="middle" fontSize="10" fill="#475569">
            {plot.xLabel}
          </text>
        )}
        {plot.yLabel && (
          <text
            x={10}
            y={(HEIGHT - PAD.bottom + PAD.top) / 2}
            fontSize="10"
            fill="#475569"
            transform={`rotate(-90 10 ${(HEIGHT - PAD.bottom + PAD.top) / 2})`}
            textAnchor="middle"
          >
            {plot.yLabel}
          </text>
        )}
        {plot.kind === "scatter" && xs.map((x, i) => <circle key={i} cx={sx(x)} cy={sy(plot.y[i]!)} r={2.5} fill={color(i)} fillOpacity={0.75} />)}
        {plot.kind === "line" &&
          groups.map((g, gi) => (
            <polyline
              key={g}
              fill="none"
              stroke={CHART_COLORS[gi % CHART_COLORS.length]}
              strokeWidth="1.5"
              points={xs
                .map((x, i) => ({ x, y: plot.y[i]!, g: plot.group?.[i] ?? "" }))
                .filter((p) => p.g === g)
                .map((p) => `${sx(p.x)},${sy(p.y)}`)
                .join(" ")}
            />
          ))}
        {bars &&
          xs.map((x, i) => {
            const y = plot.y[i]!;
            return <rect key={i} x={sx(x) - barWidth / 2} y={sy(Math.max(0, y))} width={barWidth} height={Math.abs(sy(0) - sy(y))} fill={color(i)} />;
          })}
        {categorical &&
          xs.map((x, i) => (
            <text key={i} x={sx(x)} y={HEIGHT - PAD.bottom + 12} textAnchor="middle" fontSize="9" fill="#64748b">
              {String(plot.x[i])}
            </text>
          ))}
      </svg>
      {plot.group && (
        <figcaption className="flex flex-wrap gap-3 text-[11px] text-slate-600">
          {groups.map((g, i) => (
            <span key={g} className="flex items-center gap-1">
              <span className="inline-block h-2 w-2 rounded-full" style={{ background: CHART_COLORS[i % CHART_COLORS.length] }} />
              {g}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}

/** Smallest gap between bar positions: each bar's width. */
function barStep(xs: number[]): number {
  const sorted = [...new Set(xs)].sort((a, b) => a - b);
  let step = Infinity;
  for (let i = 1; i < sorted.length; i++) step = Math.min(step, sorted[i]! - sorted[i - 1]!);
  return Number.isFinite(step) ? step : 1;
}

/** Bars are centred on their x, so the axis extends half a bar beyond the first and last. */
function padBars(xs: number[]): [number, number] {
  const [min, max] = extent(xs);
  const half = barStep(xs) / 2;
  return xs.length <= 1 ? [min - 1, max + 1] : [min - half, max + half];
}
