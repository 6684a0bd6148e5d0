/**
 * Solves A x = b for a symmetric positive definite A (n × n, row-major, only the upper
 * triangle is read) by Cholesky factorisation. Returns null when A is not positive definite
 * to working precision, so the caller can add a ridge and retry instead of getting NaNs.
 */
export function choleskySolve(A: Float64Array, b: Float64Array, n: number): Float64Array | null {
  // L is stored row-major in its own buffer so A (the caller's Gram matrix) stays intact for a retry.
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let diagonal = A[j * n + j]!;
    for (let k = 0; k < j; k++) diagonal -= L[j * n + k]! ** 2;
    if (!(diagonal > 0) || !Number.isFinite(diagonal)) return null;
    const pivot = Math.sqrt(diagonal);
    L[j * n + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      let sum = A[j * n + i]!;
      const rowI = i * n;
      const rowJ = j * n;
      for (let k = 0; k < j; k++) sum -= L[rowI + k]! * L[rowJ + k]!;
      L[rowI + j] = sum / pivot;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let sum = x[i]!;
    for (let k = 0; k < i; k++) sum -= L[i * n + k]! * x[k]!;
    x[i] = sum / L[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i]!;
    for (let k = i + 1; k < n; k++) sum -= L[k * n + i]! * x[k]!;
    x[i] = sum / L[i * n + i]!;
  }
  return x;
}

/**
 * Solves with A + εI, growing ε from a trace-relative 1e-12 until the factorisation succeeds:
 * a rank-deficient design (one-hot levels with an intercept, duplicated columns) then gets the
 * smallest ridge that makes it solvable rather than failing.
 */
export function regularisedSolve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const exact = choleskySolve(A, b, n);
  if (exact !== null) return exact;
  let trace = 0;
  for (let i = 0; i < n; i++) trace += Math.abs(A[i * n + i]!);
  const base = (trace / Math.max(1, n)) * 1e-12 || 1e-12;
  for (let epsilon = base; epsilon < base * 1e14; epsilon *= 100) {
    const shifted = Float64Array.from(A);
    for (let i = 0; i < n; i++) shifted[i * n + i]! += epsilon;
    const x = choleskySolve(shifted, b, n);
    if (x !== null) return x;
  }
  throw new Error("The linear system is singular or not finite; check the features for constant, duplicated or infinite columns");
}
