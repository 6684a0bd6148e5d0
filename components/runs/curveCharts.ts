import type { CurvePoint } from "./runProgress";

export interface CurveChart {
  title: string;
  series: { name: string; points: CurvePoint[] }[];
}

const LOSS = /loss/i;

/**
 * One node's training curves as charts: losses in one, scores (validation accuracy or
 * R², a tuner's trial scores) in another. On one shared axis a score near 1 flattens
 * a loss falling towards 0, and neither can be read.
 */
export function curveCharts(series: Record<string, CurvePoint[]>): CurveChart[] {
  const entries = Object.entries(series).map(([name, points]) => ({ name, points }));
  const losses = entries.filter((s) => LOSS.test(s.name));
  const scores = entries.filter((s) => !LOSS.test(s.name));
  return [...(losses.length > 0 ? [{ title: "loss", series: losses }] : []), ...(scores.length > 0 ? [{ title: "scores", series: scores }] : [])];
}
