import type { NeuralParams } from "./architectures";

/** Validation loss must improve by more than this to reset patience (models without a `tol` param). */
const LEGACY_MIN_DELTA = 1e-6;

/** Which loss ends training, and whether the weights of its best epoch are put back afterwards. */
export interface StoppingRule {
  watch: "training" | "validation" | "none";
  restoreBest: boolean;
  /** Fed each epoch's watched loss: whether it is the best so far, and whether to stop now. */
  observe(loss: number): { best: boolean; stop: boolean };
}

/**
 * scikit-learn's MLP rule (`_update_no_improvement_count`): an epoch whose loss is not below the best by
 * `tol` counts as stalled, any other resets the count; training stops once more than `patience` epochs in
 * a row have stalled. The best loss follows every decrease, however small.
 */
function plateau(tol: number, patience: number): StoppingRule["observe"] {
  let bestLoss = Infinity;
  let stalled = 0;
  return (loss) => {
    stalled = loss > bestLoss - tol ? stalled + 1 : 0;
    const best = loss < bestLoss;
    if (best) bestLoss = loss;
    return { best, stop: stalled > patience };
  };
}

/** The rule the CNN, the text classifier and version-1 linear models train with: `patience` epochs since the last improvement by LEGACY_MIN_DELTA. */
function sinceBest(patience: number): StoppingRule["observe"] {
  let bestLoss = Infinity;
  let epochsSinceBest = 0;
  return (loss) => {
    const best = loss < bestLoss - LEGACY_MIN_DELTA;
    epochsSinceBest = best ? 0 : epochsSinceBest + 1;
    if (best) bestLoss = loss;
    return { best, stop: epochsSinceBest >= patience };
  };
}

/**
 * Params with a `tol` (the MLP, version 2) stop like scikit-learn: on the training loss, or on the
 * validation loss with early stopping. The others stop only with early stopping, on the validation loss.
 */
export function stoppingRule(params: NeuralParams): StoppingRule {
  if ("tol" in params) {
    return { watch: params.earlyStopping ? "validation" : "training", restoreBest: params.earlyStopping, observe: plateau(params.tol, params.patience) };
  }
  return { watch: params.earlyStopping ? "validation" : "none", restoreBest: true, observe: sinceBest(params.patience) };
}

/**
 * The TF.js L2 factor on kernel weights. TF.js adds factor · ‖W‖² to a batch's mean loss; scikit-learn's
 * `alpha` adds alpha/2 · ‖W‖² divided by the batch's rows, so the factor is alpha / (2 · rows per batch).
 */
export function weightPenalty(params: NeuralParams, batchRows: number): number {
  return "alpha" in params ? params.alpha / (2 * batchRows) : params.l2;
}
