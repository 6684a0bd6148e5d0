/** A metric or statistic for a table cell: integers and large values grouped, the rest to 4 significant digits. */
export function formatNumber(value: number | null): string {
  if (value === null || Number.isNaN(value)) return "–";
  return Math.abs(value) >= 1000 || Number.isInteger(value) ? value.toLocaleString("en") : String(Number(value.toPrecision(4)));
}
