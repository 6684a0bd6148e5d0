/**
 * Gradient boosting beside scikit-learn's HistGradientBoostingClassifier, fit by fit, on the
 * issue-15 table (100,000 × 20 by default, 80/20 split, 100 rounds, no early stopping, both cores).
 * This machine's speed drifts by up to 2× within minutes, so bench/scale.ts, which runs one side
 * after the other, can put the two sides in different weather. Here both sides load the table
 * once and stay up (ours in this process as a server worker is: model threads started and the
 * engine warmed up first; scikit-learn in `/usr/bin/python3`, blocked on its input while we fit),
 * and then fit in turn, the order alternating pair by pair. Printed: every pair's seconds and ratio
 * (ours ÷ theirs, target ≤ 1.0), and the median ratio; each side times its own fit.
 * Run: npx tsx bench/gbt-pairs.ts [--rows 100000] [--pairs 10]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { configureNodeModelThreads } from "../pipeline/cli/nodeModelThreads";
import { accuracy, argmaxRows } from "../pipeline/ml/metrics/classification";
import { fitGradientBoosting } from "../pipeline/ml/models/gbt/train";
import { warmUpModelKernels } from "../pipeline/ml/models/threads/warm-up";
import { splitRows } from "../pipeline/ml/split/split";
import { readCsv } from "../pipeline/ml/table/read-csv";
import { takeRows } from "../pipeline/ml/table/take-rows";
import { applyPreprocessing, fitPreprocessing } from "../pipeline/model/modelPreprocessing";
import { median, writeYesNoCsv } from "./syntheticTable";

const SKLEARN = String.raw`
import json, sys, time
import numpy as np, pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
df = pd.read_csv(sys.argv[1])
X = df.drop(columns="label").to_numpy(dtype=np.float32)
y = (df["label"] == "yes").to_numpy(dtype=np.int64)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    start = time.perf_counter()
    model = HistGradientBoostingClassifier(max_iter=100, early_stopping=False, random_state=0).fit(X_train, y_train)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "accuracy": accuracy_score(y_test, model.predict(X_test))}), flush=True)
`;

interface Answer {
  seconds: number;
  accuracy: number;
}

/** scikit-learn in a process of its own that fits once per line it is sent. */
async function startSklearn(file: string): Promise<{ fit(): Promise<Answer>; stop(): void }> {
  const child = spawn("/usr/bin/python3", ["-W", "ignore", "-c", SKLEARN, file], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error("scikit-learn stopped; Debian: apt-get install python3-sklearn python3-pandas");
    return JSON.parse(line.value) as Answer;
  };
  await next();
  return {
    fit: () => {
      child.stdin.write("fit\n");
      return next();
    },
    stop: () => child.stdin.end(),
  };
}

/** Our side, in this process: as a server worker, threads and engine ready before the table loads. */
async function startOurs(file: string): Promise<{ fit(): Promise<Answer> }> {
  configureNodeModelThreads({ prestart: true });
  await warmUpModelKernels();
  const table = readCsv(readFileSync(file));
  const parts = splitRows(table, { train: 0.8, test: 0.2 });
  const fitted = fitPreprocessing(takeRows(table, parts.train), { target: "label", standardize: false });
  const test = applyPreprocessing(fitted.state, takeRows(table, parts.test));
  const { X } = fitted.rows;
  const y = fitted.rows.y as Int32Array;
  const task = { kind: "classification", classes: 2 } as const;
  return {
    fit: async () => {
      const started = performance.now();
      const model = await fitGradientBoosting(X, y, task, { maxIterations: 100, earlyStopping: "off" }, { seed: 0 });
      const seconds = (performance.now() - started) / 1000;
      return { seconds, accuracy: accuracy(test.y as Int32Array, argmaxRows(await model.predict(test.X), 2)) };
    },
  };
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

async function main(): Promise<void> {
  const rows = flag("--rows", 100_000);
  const pairs = flag("--pairs", 10);
  const directory = mkdtempSync(path.join(tmpdir(), "vajra-gbt-pairs-"));
  const file = path.join(directory, "table.csv");
  writeYesNoCsv(file, rows, (x) => (Math.round(x * 1e4) / 1e4).toString());
  const theirs = await startSklearn(file);
  try {
    const ours = await startOurs(file);
    console.log(`GBT fit by fit: ${rows.toLocaleString("en-US")} rows × 20, 100 rounds; load average ${loadavg()[0]!.toFixed(1)} at start`);
    console.log(["pair", "first", "ours s", "sklearn s", "ratio"].map((h) => h.padStart(11)).join(""));
    const ratios: number[] = [];
    const mine: Answer[] = [];
    const reference: Answer[] = [];
    for (let pair = 0; pair < pairs; pair++) {
      const oursFirst = pair % 2 === 0;
      const a = oursFirst ? await ours.fit() : undefined;
      const b = await theirs.fit();
      const c = a ?? (await ours.fit());
      mine.push(c);
      reference.push(b);
      ratios.push(c.seconds / b.seconds);
      console.log(
        [String(pair + 1), oursFirst ? "ours" : "sklearn", c.seconds.toFixed(3), b.seconds.toFixed(3), ratios.at(-1)!.toFixed(2)]
          .map((v) => v.padStart(11))
          .join(""),
      );
    }
    console.log(
      `median: ours ${median(mine.map((m) => m.seconds)).toFixed(3)} s, sklearn ${median(reference.map((m) => m.seconds)).toFixed(3)} s, ratio ${median(ratios).toFixed(2)} (pairs ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}); load average ${loadavg()[0]!.toFixed(1)} after`,
    );
    console.log(`test accuracy: ours ${mine[0]!.accuracy.toFixed(4)}, sklearn ${reference[0]!.accuracy.toFixed(4)}`);
  } finally {
    theirs.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
