/**
 * Accuracy of every tabular model kind against its scikit-learn counterpart (issue 15: each within
 * a point), on every tabular sample dataset, measured in one run on identical rows: stratified
 * 5-fold cross-validation repeated `--repeats` times with seeded shuffles; the fold of every row is
 * written to a temporary file that bench/model-kinds-sklearn.py reads, so both sides train and test
 * on the same rows. Ours runs the model node's own path (fitModelArtifact: mean imputation, one-hot,
 * standardisation where the node does it, then predictWithModel on the held-out fold); scikit-learn
 * gets the table as our reader parsed it, with the same imputation and encoding.
 * Counterparts, defaults unless said: logistic regression ↔ LogisticRegression (max_iter 1000),
 * MLP ↔ MLPClassifier, random forest ↔ RandomForestClassifier, gradient-boosted trees ↔
 * HistGradientBoostingClassifier. The difference is paired per fold; ± is two standard errors of
 * its mean over the folds, so a gap inside it is noise. Fit times are summed over folds (CPU time
 * beside wall time; scikit-learn on one thread like ours; the machine is shared, load average printed).
 * Run: npx tsx bench/model-kinds.ts [--repeats 2] [--datasets iris,digits] [--models mlp,logistic]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { configureNodeTensorFlow } from "../pipeline/cli/nodeTensorflow";
import { accuracy, argmaxRows } from "../pipeline/ml/metrics/classification";
import { SeededRandom } from "../pipeline/ml/models/random";
import { displayValue } from "../pipeline/ml/table/cell-text";
import { readCsv } from "../pipeline/ml/table/read-csv";
import { getColumn, isMissing, isNumeric, type Table } from "../pipeline/ml/table/table";
import { takeRows } from "../pipeline/ml/table/take-rows";
import { predictWithModel } from "../pipeline/model/modelPrediction";
import { gradientBoostingNode } from "../pipeline/nodes/gradientBoosting";
import { logisticRegressionNode } from "../pipeline/nodes/logisticRegression";
import { mlpNode } from "../pipeline/nodes/mlp";
import { fitModelArtifact, type ModelNodeDefinition } from "../pipeline/nodes/modelNode";
import { randomForestNode } from "../pipeline/nodes/randomForest";

const FOLDS = 5;

const DATASETS = [
  { name: "iris", target: "species" },
  { name: "breast_cancer", target: "diagnosis" },
  { name: "digits", target: "digit" },
  { name: "penguins", target: "species" },
  { name: "credit_data", target: "Status" },
] as const;

/** Our node for each kind, under the name the scikit-learn script knows its counterpart by. */
const MODELS: Record<string, ModelNodeDefinition> = {
  logistic: logisticRegressionNode,
  mlp: mlpNode,
  random_forest: randomForestNode,
  gradient_boosting: gradientBoostingNode,
};

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}
const repeats = Number(flag("repeats") ?? 2);
const datasets = DATASETS.filter((d) => (flag("datasets")?.split(",") ?? [d.name]).includes(d.name));
const models = Object.keys(MODELS).filter((m) => (flag("models")?.split(",") ?? [m]).includes(m));
if (!Number.isInteger(repeats) || repeats < 1) throw new Error("--repeats takes a positive whole number");

/** Per repeat, each row's fold: every class dealt round-robin over the folds after a seeded shuffle. */
function stratifiedFolds(labels: string[], repeat: number): Int8Array {
  const rng = new SeededRandom(1000 + repeat);
  const folds = new Int8Array(labels.length);
  const byClass = new Map<string, number[]>();
  labels.forEach((label, row) => byClass.set(label, [...(byClass.get(label) ?? []), row]));
  let next = 0;
  for (const rows of [...byClass.values()]) {
    for (const row of rng.shuffleInPlace(rows)) folds[row] = next++ % FOLDS;
  }
  return folds;
}

type ExportedColumn = { name: string; kind: "numeric"; values: (number | null)[] } | { name: string; kind: "category"; values: (string | null)[] };

/** The table as our reader typed it: what the scikit-learn side one-hot encodes is what our featurizer does. */
function exportColumns(table: Table, target: string): ExportedColumn[] {
  return table.columns.flatMap((column): ExportedColumn[] => {
    if (column.name === target || column.type === "text") return [];
    if (isNumeric(column)) return [{ name: column.name, kind: "numeric", values: Array.from(column.values, (v) => (Number.isNaN(v) ? null : v)) }];
    return [{ name: column.name, kind: "category", values: Array.from(column.codes, (code) => (code < 0 ? null : column.levels[code]!)) }];
  });
}

interface Side {
  accuracies: number[];
  seconds: number;
  cpuSeconds: number;
}

async function ours(node: ModelNodeDefinition, table: Table, target: string, folds: Int8Array[]): Promise<Side> {
  const side: Side = { accuracies: [], seconds: 0, cpuSeconds: 0 };
  const empty = takeRows(table, []);
  for (const [repeat, assignment] of folds.entries()) {
    for (let fold = 0; fold < FOLDS; fold++) {
      const rows = (inFold: boolean) => Array.from(assignment.keys()).filter((row) => (assignment[row] === fold) === inFold);
      const split = { train: takeRows(table, rows(false)), valid: empty, test: takeRows(table, rows(true)) };
      const params = node.params.parse({ target, seed: repeat * FOLDS + fold });
      const wall = performance.now();
      const cpu = process.cpuUsage();
      const { artifact } = await fitModelArtifact(node.modelSpec, params, split, { seed: params.seed, signal: new AbortController().signal });
      const used = process.cpuUsage(cpu);
      side.seconds += (performance.now() - wall) / 1000;
      side.cpuSeconds += (used.user + used.system) / 1e6;
      const output = await predictWithModel(artifact, split.test, true);
      side.accuracies.push(accuracy(output.y as Int32Array, argmaxRows(output.scores, output.width)));
    }
  }
  return side;
}

function scikitLearn(table: Table, target: string, labels: string[], folds: Int8Array[]): Record<string, Side> {
  const folder = mkdtempSync(join(tmpdir(), "model-kinds-"));
  try {
    const file = join(folder, "problem.json");
    const problem = { columns: exportColumns(table, target), y: labels, k: FOLDS, folds: folds.map((f) => Array.from(f)), models };
    writeFileSync(file, JSON.stringify(problem));
    const script = new URL("./model-kinds-sklearn.py", import.meta.url).pathname;
    // One thread, as ours trains: OpenMP on a shared 2-core machine only oversubscribes it.
    const env = { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" };
    return JSON.parse(execFileSync("/usr/bin/python3", [script, file], { encoding: "utf8", maxBuffer: 64 << 20, env })) as Record<string, Side>;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const mean = (values: number[]) => values.reduce((a, v) => a + v, 0) / values.length;
const points = (fraction: number) => (100 * fraction).toFixed(1);

async function main(): Promise<void> {
  configureNodeTensorFlow();
  console.log(`Stratified ${FOLDS}-fold CV × ${repeats} repeats, same folds both sides; load average ${loadavg()[0]!.toFixed(2)} at start`);
  console.log("| dataset | model | ours | scikit-learn | ours − sklearn (points, ± 2 SE) | fit s ours (cpu) | fit s sklearn (cpu) |");
  console.log("|---|---|---|---|---|---|---|");
  for (const dataset of datasets) {
    const raw = readCsv(readFileSync(new URL(`../public/datasets/${dataset.name}.csv`, import.meta.url)));
    const targetColumn = getColumn(raw, dataset.target);
    const table = takeRows(
      raw,
      Array.from({ length: raw.rowCount }, (_, r) => r).filter((r) => !isMissing(targetColumn, r)),
    );
    const labels = Array.from({ length: table.rowCount }, (_, r) => displayValue(getColumn(table, dataset.target), r));
    const folds = Array.from({ length: repeats }, (_, repeat) => stratifiedFolds(labels, repeat));
    const reference = scikitLearn(table, dataset.target, labels, folds);
    for (const model of models) {
      const mine = await ours(MODELS[model]!, table, dataset.target, folds);
      const theirs = reference[model]!;
      const differences = mine.accuracies.map((a, i) => a - theirs.accuracies[i]!);
      const spread = Math.sqrt(mean(differences.map((d) => (d - mean(differences)) ** 2)) / (differences.length - 1));
      const time = (side: Side) => `${side.seconds.toFixed(1)} (${side.cpuSeconds.toFixed(1)})`;
      console.log(
        `| ${dataset.name} | ${model} | ${mean(mine.accuracies).toFixed(3)} | ${mean(theirs.accuracies).toFixed(3)} | ` +
          `${points(mean(differences))} ± ${points(2 * spread)} | ${time(mine)} | ${time(theirs)} |`,
      );
    }
  }
  console.log(`load average ${loadavg()[0]!.toFixed(2)} at end`);
}

await main();
