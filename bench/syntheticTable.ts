import { writeFileSync } from "node:fs";

/** The issue-15 table's width: 20 normal features and a yes/no label. */
export const FEATURES = 20;

/** Deterministic standard normals (LCG + Box–Muller), so every run reads the same bytes. */
export function normals(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** The issue's table: 20 normal features and a yes/no label, as pandas' to_csv writes it (shortest round-trip floats). */
export function writeYesNoCsv(file: string, rows: number, format: (x: number) => string): void {
  const next = normals(1);
  const lines = [[...Array.from({ length: FEATURES }, (_, c) => `f${c}`), "label"].join(",")];
  for (let r = 0; r < rows; r++) {
    const x = Array.from({ length: FEATURES }, next);
    lines.push(`${x.map(format).join(",")},${x[0]! + 0.5 * x[1]! + 0.3 * next() > 0 ? "yes" : "no"}`);
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
