/** Writes the gradient at `point` into `gradient` and returns the objective's value there. */
export type Objective = (point: Float64Array, gradient: Float64Array) => Promise<number>;

export interface LbfgsOptions {
  maxIterations: number;
  /** Stop once every gradient entry is at most this in absolute value. */
  gradientTolerance: number;
  /** Called once per iteration: lets a worker deliver an abort and keep its timers running. */
  pause: () => Promise<void>;
  /** Called after each step with its 1-based number and the objective's value. */
  onStep?: (step: number, value: number) => void;
  /** Curvature pairs kept (scipy's default is 10). */
  memory?: number;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function maxAbs(values: Float64Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]!));
  return max;
}

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search, for smooth convex objectives
 * such as penalised logistic regression: the two-loop recursion turns the last `memory` steps
 * and gradient changes into a quasi-Newton direction without ever forming a Hessian.
 */
export async function minimiseLbfgs(objective: Objective, start: Float64Array, options: LbfgsOptions): Promise<Float64Array> {
  const n = start.length;
  const memory = options.memory ?? 10;
  let x: Float64Array = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = await objective(x, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const rhos: number[] = [];
  const alphas = new Float64Array(memory);
  const candidateGradient = new Float64Array(n);
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    if (maxAbs(gradient) <= options.gradientTolerance) break;
    await options.pause();
    const direction = Float64Array.from(gradient, (g) => -g);
    for (let i = steps.length - 1; i >= 0; i--) {
      const alpha = rhos[i]! * dot(steps[i]!, direction);
      alphas[i] = alpha;
      const change = changes[i]!;
      for (let j = 0; j < n; j++) direction[j]! -= alpha * change[j]!;
    }
    const last = steps.length - 1;
    // The initial Hessian guess: the usual sᵀy / yᵀy scaling, or a unit-length first step.
    const gamma = last >= 0 ? dot(steps[last]!, changes[last]!) / dot(changes[last]!, changes[last]!) : 1 / Math.sqrt(dot(gradient, gradient));
    for (let j = 0; j < n; j++) direction[j]! *= gamma;
    for (let i = 0; i < steps.length; i++) {
      const beta = rhos[i]! * dot(changes[i]!, direction);
      const step = steps[i]!;
      for (let j = 0; j < n; j++) direction[j]! += (alphas[i]! - beta) * step[j]!;
    }
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      // Rounding has made the direction useless; restart from steepest descent.
      steps.length = changes.length = rhos.length = 0;
      for (let j = 0; j < n; j++) direction[j] = -gradient[j]! / Math.sqrt(dot(gradient, gradient));
      slope = dot(gradient, direction);
    }
    let t = 1;
    let next: Float64Array | null = null;
    let nextValue = value;
    for (let halvings = 0; halvings < 50; halvings++) {
      const candidate = Float64Array.from(x, (v, j) => v + t * direction[j]!);
      const candidateValue = await objective(candidate, candidateGradient);
      if (candidateValue <= value + 1e-4 * t * slope) {
        next = candidate;
        nextValue = candidateValue;
        break;
      }
      t /= 2;
    }
    if (next === null) break;
    const step = Float64Array.from(next, (v, j) => v - x[j]!);
    const change = Float64Array.from(candidateGradient, (g, j) => g - gradient[j]!);
    const curvature = dot(step, change);
    // Only pairs with positive curvature keep the inverse-Hessian estimate positive definite.
    if (curvature > 1e-12 * dot(change, change)) {
      if (steps.length === memory) {
        steps.shift();
        changes.shift();
        rhos.shift();
      }
      steps.push(step);
      changes.push(change);
      rhos.push(1 / curvature);
    }
    x = next;
    value = nextValue;
    options.onStep?.(iteration + 1, value);
    gradient = Float64Array.from(candidateGradient);
  }
  return x;
}
