/** What one step of a node's training curve is, by node kind: boosting adds rounds, a tuner runs trials. */
const UNITS: Record<string, string> = {
  "gradient-boosting": "boosting round",
  "random-forest": "tree",
  tuner: "trial",
  "logistic-regression": "iteration",
  "linear-regression": "iteration",
};

export function progressUnit(kind: string | undefined): string {
  return (kind !== undefined && UNITS[kind]) || "epoch";
}
