/** Plain statistics over arrays that hold no NaN (callers drop missing values first). */

export function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Population standard deviation (divides by n, as scikit-learn's StandardScaler). */
export function populationStd(values: Float64Array, center = mean(values)): number {
  let sum = 0;
  for (const v of values) sum += (v - center) ** 2;
  return Math.sqrt(sum / values.length);
}

/** Quantile by linear interpolation between order statistics (NumPy's default). */
export function quantile(sorted: Float64Array, p: number): number {
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export function sortedCopy(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}

/** Most frequent value; ties go to the smallest. */
export function numericMode(values: Float64Array): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = Number.NaN;
  let bestCount = 0;
  for (const [v, count] of counts) {
    if (count > bestCount || (count === bestCount && v < best)) {
      best = v;
      bestCount = count;
    }
  }
  return best;
}
