/**
 * Runs every shipped example and prints its test accuracy and training time beside
 * scikit-learn's reference figure (README, "Benchmarks"), plus how much faster a re-run with
 * everything cached is. Run with `npx tsx bench/examples.ts`.
 */
import { MemoryArtifactCache } from "../pipeline/runtime/artifactCache";
import { EXAMPLES, runExample } from "../pipeline/cli/exampleRuns";

const rows: string[][] = [["example", "model", "accuracy", "sklearn", "ratio", "train ms", "full ms", "cached ms", "full/cached"]];
for (const example of EXAMPLES) {
  const cache = new MemoryArtifactCache();
  const full = await runExample(example.name, cache);
  const cached = await runExample(example.name, cache);
  full.scores.forEach((score, index) => {
    rows.push([
      index === 0 ? example.name : "",
      score.modelKind,
      score.accuracy.toFixed(3),
      example.reference.toFixed(3),
      (score.accuracy / example.reference).toFixed(3),
      score.trainMs.toFixed(0),
      index === 0 ? full.durationMs.toFixed(0) : "",
      index === 0 ? cached.durationMs.toFixed(0) : "",
      index === 0 ? `${(full.durationMs / cached.durationMs).toFixed(1)}×` : "",
    ]);
  });
}
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
for (const row of rows) console.log(row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  "));
