import { CHART_COLORS } from "./chartStyle";

/** Series names with their colours, under a chart (in the order given to colorScale). */
export function ChartLegend({ names, shape = "line" }: { names: readonly string[]; shape?: "line" | "dot" }) {
  return (
    <figcaption className="flex flex-wrap gap-3 text-[11px] text-slate-600">
      {names.map((name, i) => (
        <span key={name} className="flex items-center gap-1">
          <span
            className={shape === "line" ? "inline-block h-0.5 w-3" : "inline-block h-2 w-2 rounded-full"}
            style={{ background: CHART_COLORS[i % CHART_COLORS.length] }}
          />
          {name}
        </span>
      ))}
    </figcaption>
  );
}
