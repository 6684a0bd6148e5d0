/**
 * Loading and splitting a numeric table, the first two steps of every tabular pipeline:
 * readCsv (file bytes → typed Table) against pandas `read_csv` on the same file in the
 * same run, and the split node (exact 80/20, stratified, threshold; version 1's text
 * hash beside it) at 100,000 and 1,000,000 rows. Targets (issue 15): load ≥ pandas
 * rows/s, split ≥ 5 million rows/s. The most used maintained parser on npm, papaparse, is
 * measured on the same bytes too (decoded, then parsed to rows of values with dynamicTyping:
 * less than a typed table, so a lower bound on its cost); ours is kept while it is faster. Each side's first run in its
 * process is shown apart (our code is not yet optimised by the JIT then, and both sides
 * touch fresh memory); the machine is shared, so the other figures are the median of
 * --repeats runs after it, with the load average beside.
 * Run with `npx tsx bench/load-split.ts [--repeats 3]`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { splitRows, type SplitParams } from "../pipeline/ml/split/split";
import { readCsv } from "../pipeline/ml/table/read-csv";
import type { Table } from "../pipeline/ml/table/table";
import { FEATURES, median, normals, writeYesNoCsv } from "./syntheticTable";

const repeatsFlag = process.argv.indexOf("--repeats");
const repeats = repeatsFlag === -1 ? 3 : Number(process.argv[repeatsFlag + 1]);
if (!Number.isInteger(repeats) || repeats < 1) throw new Error("--repeats takes a positive whole number");

const TARGET_SPLIT_ROWS_PER_SECOND = 5_000_000;

/** Median wall and CPU seconds of `run` (CPU time moves less than wall time on a busy machine), and the first run's wall time. */
function timeMedian(run: () => unknown): { wall: number; cpu: number; first: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    run();
    wall.push((performance.now() - start) / 1000);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1e6);
  }
  return { wall: median(wall), cpu: median(cpu), first: wall[0]! };
}

const load = () => loadavg()[0]!.toFixed(1);
const rate = (rows: number, seconds: number) => `${Math.round(rows / seconds).toLocaleString("en-US")} rows/s`;

/** The same table built in memory, for split sizes no CSV needs to be written for. */
function memoryTable(rows: number): Table {
  const next = normals(2);
  const columns: Table["columns"] = Array.from({ length: FEATURES }, (_, c) => ({
    name: `f${c}`,
    type: "number" as const,
    values: Float64Array.from({ length: rows }, () => Math.round(next() * 1e4) / 1e4),
  }));
  columns.push({ name: "label", type: "category", codes: Int32Array.from({ length: rows }, () => (next() > 0 ? 1 : 0)), levels: ["no", "yes"] });
  return { rowCount: rows, columns };
}

/** pandas read_csv on `file`: its first run in a fresh interpreter, then the median wall and CPU seconds of `repeats` more; or why it could not be measured. */
function pandasSeconds(file: string): { first: number; wall: number; cpu: number } | string {
  const script = [
    "import sys, time, json",
    "import pandas as pd",
    "times = []",
    "for _ in range(1 + int(sys.argv[2])):",
    "    wall, cpu = time.perf_counter(), time.process_time()",
    "    pd.read_csv(sys.argv[1])",
    "    times.append([time.perf_counter() - wall, time.process_time() - cpu])",
    "print(json.dumps(times))",
  ].join("\n");
  for (const python of ["/usr/bin/python3", "python3"]) {
    const result = spawnSync(python, ["-c", script, file, String(repeats)], { encoding: "utf8" });
    if (result.status === 0) {
      const [first, ...times] = JSON.parse(result.stdout) as [number, number][];
      return { first: first![0], wall: median(times.map((t) => t[0])), cpu: median(times.map((t) => t[1])) };
    }
    if (result.error === undefined && result.stderr.includes("No module named 'pandas'")) continue;
  }
  return "pandas not available (Debian: apt-get install python3-pandas)";
}

const directory = mkdtempSync(path.join(tmpdir(), "vajra-load-split-"));
try {
  console.log(`Load: ${FEATURES} normal features + yes/no label, written as CSV; median of ${repeats}; load average ${load()} at start\n`);
  const loadRows = 100_000;
  const files = [
    { name: "4 decimals", format: (x: number) => (Math.round(x * 1e4) / 1e4).toString() },
    { name: "full precision", format: (x: number) => String(x) },
  ];
  const header = ["file".padEnd(34), "runs".padEnd(14), "ours s".padStart(7), "ours rows/s".padStart(18), "pandas s".padStart(9), "pandas rows/s".padStart(18)];
  console.log([...header, "ratio".padStart(6), "CPU s ours / pandas".padStart(20), "CPU ratio".padStart(10)].join(" "));
  for (const { name, format } of files) {
    const file = path.join(directory, `${name.replace(/\W+/g, "-")}.csv`);
    writeYesNoCsv(file, loadRows, format);
    const label = `${loadRows / 1000}k rows, ${name} (${(statSync(file).size / 1e6).toFixed(0)} MB)`;
    // Both sides' first load in the process apart (our code not yet optimised, fresh memory), then the median of the next runs.
    const start = performance.now();
    readCsv(readFileSync(file));
    const first = (performance.now() - start) / 1000;
    const ours = timeMedian(() => readCsv(readFileSync(file)));
    const pandas = pandasSeconds(file);
    if (typeof pandas === "string") {
      console.log(
        [label.padEnd(34), `median of ${repeats}`.padEnd(14), ours.wall.toFixed(3).padStart(7), rate(loadRows, ours.wall).padStart(18), pandas].join(" "),
      );
      continue;
    }
    const row = (runs: string, oursSeconds: number, pandasSeconds: number) =>
      [runs.padEnd(14), oursSeconds.toFixed(3).padStart(7), rate(loadRows, oursSeconds).padStart(18), pandasSeconds.toFixed(3).padStart(9)]
        .concat([rate(loadRows, pandasSeconds).padStart(18), `${(pandasSeconds / oursSeconds).toFixed(2)}x`.padStart(6)])
        .join(" ");
    console.log(`${label.padEnd(34)} ${row("first run", first, pandas.first)}`);
    const cpu = [`${ours.cpu.toFixed(3)} / ${pandas.cpu.toFixed(3)}`.padStart(20), `${(pandas.cpu / ours.cpu).toFixed(2)}x`.padStart(10)];
    console.log(`${"".padEnd(34)} ${row(`median of ${repeats}`, ours.wall, pandas.wall)} ${cpu.join(" ")}`);
    const papa = timeMedian(() => Papa.parse(new TextDecoder().decode(readFileSync(file)), { dynamicTyping: true, skipEmptyLines: true }));
    console.log(
      `${"".padEnd(34)} papaparse: ${papa.wall.toFixed(3)} s, ${rate(loadRows, papa.wall)} (CPU ${papa.cpu.toFixed(3)} s); ours ${(papa.wall / ours.wall).toFixed(2)}x its rows/s`,
    );
  }
  console.log("ratio = our rows/s ÷ pandas rows/s (target ≥ 1.0); ours is file bytes → typed Table, pandas is path → DataFrame\n");

  console.log(`Split (80/20, seed 0); median of ${repeats}; load average ${load()}`);
  const cases: [string, Partial<SplitParams>][] = [
    ["exact", {}],
    ["exact, stratified by label", { stratify: "label" }],
    ["threshold", { assignment: "threshold" }],
    ["version 1 text hash, exact", { hash: "text" }],
  ];
  console.log(
    [
      "rows".padStart(10),
      "case".padEnd(28),
      "seconds".padStart(8),
      "rows/s".padStart(18),
      "÷ 5M target".padStart(12),
      "CPU s".padStart(6),
      "first run".padStart(10),
    ].join(" "),
  );
  for (const rows of [100_000, 1_000_000]) {
    const table = memoryTable(rows);
    // A pipeline splits once per run: the first split in a process (code not yet optimised) is shown apart.
    const start = performance.now();
    splitRows(table, { train: 0.8, test: 0.2 });
    console.log(
      [rows.toLocaleString("en-US").padStart(10), "exact, first split in process".padEnd(28), ((performance.now() - start) / 1000).toFixed(3).padStart(8)].join(
        " ",
      ),
    );
    for (const [name, params] of cases) {
      if (params.hash === "text" && rows > 100_000) continue; // about 10 s a run at 1M rows
      const { wall, cpu, first } = timeMedian(() => splitRows(table, { train: 0.8, test: 0.2, ...params }));
      const cells = [rows.toLocaleString("en-US").padStart(10), name.padEnd(28), wall.toFixed(3).padStart(8), rate(rows, wall).padStart(18)];
      console.log(
        [...cells, (rows / wall / TARGET_SPLIT_ROWS_PER_SECOND).toFixed(2).padStart(12), cpu.toFixed(3).padStart(6), first.toFixed(3).padStart(10)].join(" "),
      );
    }
  }
  console.log(`\nload average ${load()} at end`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
