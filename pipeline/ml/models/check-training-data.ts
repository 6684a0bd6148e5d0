import type { Matrix, Targets, Task } from "./types";

/** Validates what every model's fit receives, so a bad table fails with a message a user can act on. */
export function checkTrainingData(X: Matrix, y: Targets, task: Task, options: { allowMissing: boolean }): void {
  checkMatrix(X, options.allowMissing);
  if (X.rows === 0) throw new Error("Cannot train on zero rows");
  if (y.length !== X.rows) {
    throw new Error(`Feature matrix has ${X.rows} rows but the target has ${y.length} values`);
  }
  if (task.kind === "classification") {
    if (!Number.isInteger(task.classes) || task.classes < 2) {
      throw new Error(`Classification needs at least 2 classes, got ${task.classes}`);
    }
    for (let i = 0; i < y.length; i++) {
      const label = y[i]!;
      if (!Number.isInteger(label) || label < 0 || label >= task.classes) {
        throw new Error(`Class label ${label} at row ${i} is out of range: expected an integer in [0, ${task.classes - 1}]`);
      }
    }
  } else {
    for (let i = 0; i < y.length; i++) {
      if (!Number.isFinite(y[i]!)) throw new Error(`Regression target at row ${i} is ${y[i]}; it must be a finite number`);
    }
  }
}

/** Shape check, plus a NaN/Infinity scan for models that cannot handle missing values. */
export function checkMatrix(X: Matrix, allowMissing: boolean, expectedCols?: number): void {
  if (X.data.length !== X.rows * X.cols) {
    throw new Error(`Matrix data has ${X.data.length} values but rows × cols is ${X.rows} × ${X.cols}`);
  }
  if (expectedCols !== undefined && X.cols !== expectedCols) {
    throw new Error(`Model expects ${expectedCols} feature columns but got ${X.cols}`);
  }
  if (allowMissing) return;
  for (let i = 0; i < X.data.length; i++) {
    if (!Number.isFinite(X.data[i]!)) {
      const row = Math.floor(i / X.cols);
      const col = i % X.cols;
      throw new Error(
        `Feature column ${col} has a missing or non-finite value (${X.data[i]}) at row ${row}; ` +
          "impute or drop missing values before this model (tree models accept them)",
      );
    }
  }
}
