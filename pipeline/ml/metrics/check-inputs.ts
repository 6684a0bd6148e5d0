/** Shared argument checks so every metric fails the same way on malformed input. */

export function checkSameLength(what: string, a: ArrayLike<unknown>, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) {
    throw new Error(`${what}: y_true has ${a.length} rows but the predictions have ${b.length}`);
  }
}

export function checkNotEmpty(what: string, a: ArrayLike<unknown>): void {
  if (a.length === 0) throw new Error(`${what}: no rows to evaluate`);
}

export function checkClassIndex(what: string, label: number, classes: number, row: number): void {
  if (!Number.isInteger(label) || label < 0 || label >= classes) {
    throw new Error(`${what}: label ${label} at row ${row} is not a class index in [0, ${classes - 1}]`);
  }
}

export function checkProbabilityShape(what: string, rows: number, probabilities: ArrayLike<number>, classes: number): void {
  if (probabilities.length !== rows * classes) {
    throw new Error(`${what}: expected ${rows} × ${classes} = ${rows * classes} probabilities, got ${probabilities.length}`);
  }
}
