/** What every chart shares: series colours (also used by the canary traffic bars) and short number labels. */
export const CHART_COLORS = ["#4f46e5", "#e11d48", "#059669", "#d97706", "#0891b2", "#7c3aed"];

/** A bin edge or value as a short label: whole numbers as they are, others to three significant digits without trailing zeros (0.2, not 0.200). */
export function tick(value: number): string {
  return Math.abs(value) >= 100 || Number.isInteger(value) ? value.toFixed(0) : String(Number(value.toPrecision(3)));
}

/** Plot's ordinal colour scale in our palette, so a chart and its caption legend agree. */
export function colorScale(domain: readonly string[]) {
  return { type: "ordinal" as const, domain: [...domain], range: domain.map((_, i) => CHART_COLORS[i % CHART_COLORS.length]!) };
}
