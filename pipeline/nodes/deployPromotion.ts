import type { PromotionRule, RegisterOutcome } from "../spec/modelRegistry";
import { lowerIsBetter } from "./evaluateMetrics";

/** A registered version as the promotion rule sees it: its number and the metrics recorded on it. */
export interface VersionMetrics {
  version: number;
  metrics: Record<string, number>;
}

export interface PromotionDecision {
  move: boolean;
  comparison?: RegisterOutcome["comparison"];
  /** Why, for the run panel; empty when the alias already points at the candidate. */
  reason: string;
}

/** Enough decimals to tell two values apart (from 3 up to 6), so a message never reads "0.951 < 0.951". */
function formatPair(a: number, b: number): [string, string] {
  for (let digits = 3; digits < 6; digits++) {
    if (a === b || a.toFixed(digits) !== b.toFixed(digits)) return [a.toFixed(digits), b.toFixed(digits)];
  }
  return [a.toFixed(6), b.toFixed(6)];
}

function finite(metrics: Record<string, number>, metric: string): number | undefined {
  const value = metrics[metric];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * Whether the alias moves to the candidate version. "At least as good" is ≥ for scores and ≤ for
 * errors and losses. A holder with no value for the metric is not replaced: the rule cannot be
 * checked, and moving would silently re-point every endpoint that follows the alias.
 */
export function decidePromotion(input: { rule: PromotionRule; alias: string; candidate: VersionMetrics; holder: VersionMetrics | null }): PromotionDecision {
  const { rule, alias, candidate, holder } = input;
  if (holder === null) return { move: true, reason: `no version held ${alias} yet` };
  if (holder.version === candidate.version) return { move: false, reason: "" };
  if (rule.kind === "always") return { move: true, reason: `was v${holder.version}; rule: always` };

  const { metric } = rule;
  const lower = lowerIsBetter(metric);
  const candidateValue = finite(candidate.metrics, metric);
  if (candidateValue === undefined) throw new Error(`This run's metrics have no ${metric} to compare with v${holder.version}`);
  const holderValue = finite(holder.metrics, metric);
  if (holderValue === undefined) {
    return {
      move: false,
      comparison: { metric, lowerIsBetter: lower, candidate: candidateValue, holder: null },
      reason: `v${holder.version} has no ${metric} on record to compare with (move ${alias} in the model registry, or use the rule "always")`,
    };
  }
  const move = lower ? candidateValue <= holderValue : candidateValue >= holderValue;
  const [c, h] = formatPair(candidateValue, holderValue);
  const sign = move ? (lower ? "≤" : "≥") : lower ? ">" : "<";
  const direction = lower ? ", lower is better" : "";
  return {
    move,
    comparison: { metric, lowerIsBetter: lower, candidate: candidateValue, holder: holderValue },
    reason: move ? `${metric} ${c} ${sign} ${h} of v${holder.version}${direction}` : `${metric} ${c} ${sign} ${h}${direction}`,
  };
}

/**
 * The run panel's one line, e.g. `registered churn v4; champion stays v3: accuracy 0.951 < 0.958`
 * or `churn v3 already holds this model; champion stays v3`.
 */
export function outcomeMessage(outcome: Omit<RegisterOutcome, "message" | "comparison">, reason: string): string {
  const registered = outcome.created
    ? `registered ${outcome.modelName} v${outcome.version}`
    : `${outcome.modelName} v${outcome.version} already holds this model`;
  if (outcome.moved) return `${registered}; ${outcome.alias} → v${outcome.version} (${reason})`;
  const stays = `${registered}; ${outcome.alias} stays v${outcome.previousVersion ?? outcome.version}`;
  return reason === "" ? stays : `${stays}: ${reason}`;
}
