/**
 * Weak supervision on fine_foods: labeling functions only (no gold labels in training)
 * → label model → TF-IDF + logistic regression, scored on fine_foods_test.
 * Run: npx tsx bench/weak-supervision.ts
 */
import { readFileSync } from "node:fs";
import { analyzeLabelMatrix } from "../pipeline/ml/labeling/analysis";
import { applyLabelingFunctions } from "../pipeline/ml/labeling/apply-labeling-functions";
import { FINE_FOODS_CLASSES, FINE_FOODS_LABELING_FUNCTIONS } from "../pipeline/testing/fineFoodsFunctions";
import { fitLabelModel, predictLabelModel } from "../pipeline/ml/labeling/generative-label-model";
import { majorityVote } from "../pipeline/ml/labeling/majority-vote";
import { runWeakSupervisionExample } from "../pipeline/testing/weakSupervisionExample";
import { readCsv } from "../pipeline/ml/table/read-csv";
import { getColumn, type Table } from "../pipeline/ml/table/table";

const SUPERVISED_REFERENCE = 0.791;
const read = (file: string) => readCsv(readFileSync(new URL(`../public/datasets/${file}`, import.meta.url)));
const train = read("fine_foods_train.csv");
const test = read("fine_foods_test.csv");

function goldOf(table: Table): Int32Array {
  const score = getColumn(table, "score");
  return Int32Array.from({ length: table.rowCount }, (_, r) =>
    score.type === "category" && score.codes[r]! >= 0 ? FINE_FOODS_CLASSES.indexOf(score.levels[score.codes[r]!]!) : -1,
  );
}

async function main(): Promise<void> {
  const matrix = await applyLabelingFunctions(test, FINE_FOODS_LABELING_FUNCTIONS, { classes: FINE_FOODS_CLASSES });
  const summary = analyzeLabelMatrix(matrix, goldOf(test));
  const started = performance.now();
  const result = await runWeakSupervisionExample({
    train,
    test,
    textColumn: "review",
    labelColumn: "score",
    classes: FINE_FOODS_CLASSES,
    functions: FINE_FOODS_LABELING_FUNCTIONS,
  });
  const seconds = (performance.now() - started) / 1000;

  console.log(
    `Labeling functions on fine_foods_test (gold used for this analysis only): coverage ${summary.coverage.toFixed(3)}, overlaps ${summary.overlaps.toFixed(3)}, conflicts ${summary.conflicts.toFixed(3)}`,
  );
  console.log("function        coverage  gold accuracy  learned accuracy");
  summary.functions.forEach((f, j) =>
    console.log(
      `${f.name.padEnd(15)} ${f.coverage.toFixed(3).padStart(8)}  ${(f.empiricalAccuracy ?? NaN).toFixed(3).padStart(13)}  ${result.labelModel.accuracies[j]!.toFixed(3).padStart(16)}`,
    ),
  );
  console.log(`\nLearned class priors: ${FINE_FOODS_CLASSES.map((c, k) => `${c} ${result.labelModel.classPriors[k]!.toFixed(3)}`).join(", ")}`);
  const trainMatrix = await applyLabelingFunctions(train, FINE_FOODS_LABELING_FUNCTIONS, { classes: FINE_FOODS_CLASSES });
  const trainGold = goldOf(train);
  const labelAccuracy = (labels: Int32Array) => {
    const labelled = Array.from(labels.entries()).filter(([, k]) => k >= 0);
    return `${labelled.filter(([r, k]) => trainGold[r] === k).length / labelled.length}`.slice(0, 5) + ` on ${labelled.length} / ${train.rowCount} rows`;
  };
  console.log("Train labels vs the train file's gold (read for this report only):");
  console.log(`  generative label model  ${labelAccuracy(predictLabelModel(fitLabelModel(trainMatrix), trainMatrix).labels)}`);
  console.log(`  majority vote           ${labelAccuracy(majorityVote(trainMatrix).labels)} (ties left unlabelled)`);
  console.log(`\nfine_foods_test accuracy of TF-IDF + LR trained on (mean of ${result.labelModelAccuracies.length} classifier seeds):`);
  const rows: [string, number][] = [
    ["majority class (baseline)", result.majorityClassAccuracy],
    ["majority vote of the LFs", result.majorityVoteAccuracy],
    ["generative label model", result.labelModelAccuracy],
    ["gold labels (scikit-learn reference)", SUPERVISED_REFERENCE],
  ];
  for (const [name, accuracy] of rows) console.log(`  ${name.padEnd(38)} ${accuracy.toFixed(3)}`);
  console.log(
    `  per seed: label model ${result.labelModelAccuracies.map((a) => a.toFixed(3)).join(" ")}; majority vote ${result.majorityVoteAccuracies.map((a) => a.toFixed(3)).join(" ")}`,
  );
  console.log(
    `\nLabel model vs majority vote: ${result.labelModelAccuracy - result.majorityVoteAccuracy >= 0 ? "+" : ""}${(result.labelModelAccuracy - result.majorityVoteAccuracy).toFixed(3)}; recovers ${(((result.labelModelAccuracy - result.majorityClassAccuracy) / (SUPERVISED_REFERENCE - result.majorityClassAccuracy)) * 100).toFixed(0)}% of the supervised gain over the baseline (${seconds.toFixed(1)} s)`,
  );
}

void main();
