/**
 * CSV parsing throughput: our RFC 4180 reader against a naive split-based
 * baseline on the same in-memory file. The ratio is what matters (the machine is
 * shared). Usage: npx tsx bench/csv-parse.ts [megabytes=100]
 */
import { parseCsvRecords } from "../pipeline/ml/table/csv";
import { readCsv } from "../pipeline/ml/table/read-csv";

const targetMb = Number(process.argv[2] ?? 100);

/** Deterministic LCG so every run parses the same bytes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function generateCsv(megabytes: number): { text: string; rows: number } {
  const next = random(42);
  const words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];
  const colors = ["red", "green", "blue", "yellow"];
  const chunks: string[] = ["id,x,y,color,count,flag,comment\n"];
  let size = chunks[0]!.length;
  let rows = 0;
  while (size < megabytes * 1e6) {
    const lines: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const wordCount = 3 + Math.floor(next() * 10);
      const comment = Array.from({ length: wordCount }, () => words[Math.floor(next() * words.length)]).join(" ");
      const kind = next();
      // A third of comments need quoting: embedded commas, doubled quotes, newlines.
      const field = kind < 0.2 ? `"${comment}, ${comment}"` : kind < 0.27 ? `"she said ""${comment}"""` : kind < 0.33 ? `"${comment}\n${comment}"` : comment;
      lines.push(
        `${rows},${(next() * 1000 - 500).toFixed(4)},${next().toExponential(6)},${colors[Math.floor(next() * 4)]},${Math.floor(next() * 100)},${next() < 0.5},${field}`,
      );
      rows++;
    }
    const chunk = lines.join("\n") + "\n";
    chunks.push(chunk);
    size += chunk.length;
  }
  return { text: chunks.join(""), rows };
}

function time<T>(run: () => T): { result: T; seconds: number } {
  const start = performance.now();
  const result = run();
  return { result, seconds: (performance.now() - start) / 1000 };
}

const { text, rows } = generateCsv(targetMb);
const megabytes = text.length / 1e6;
console.log(`Generated ${megabytes.toFixed(1)} MB, ${rows.toLocaleString()} rows (7 columns, ~1/3 of comments quoted)\n`);

const cases: [string, () => number][] = [
  ["naive split('\\n') + split(',') (wrong on quotes)", () => text.split("\n").map((line) => line.split(",")).length],
  ["parseCsvRecords (RFC 4180, column-wise strings)", () => parseCsvRecords(text, { delimiter: "," }).rowCount],
  ["readCsv (parse + infer types + typed columns)", () => readCsv(text, { delimiter: "," }).rowCount],
];

const results = cases.map(([name, run]) => {
  const { result, seconds } = time(run);
  return { name, seconds, count: result };
});
const baseline = results[0]!.seconds;
console.log(["case".padEnd(52), "seconds".padStart(8), "MB/s".padStart(8), "rows/s".padStart(12), "vs naive".padStart(9)].join(" "));
for (const { name, seconds } of results) {
  console.log(
    [
      name.padEnd(52),
      seconds.toFixed(2).padStart(8),
      (megabytes / seconds).toFixed(1).padStart(8),
      Math.round(rows / seconds)
        .toLocaleString()
        .padStart(12),
      `${(baseline / seconds).toFixed(2)}x`.padStart(9),
    ].join(" "),
  );
}
