/**
 * Params that move together when the user edits one of them, so the form never lands in a
 * state the node refuses (as KNIME's and Orange's split dialogs keep their shares at 100%).
 */

const SPLIT_SHARES = ["train", "validation", "test"] as const;
const SPLIT_DEFAULTS: Record<(typeof SPLIT_SHARES)[number], number> = { train: 0.7, validation: 0, test: 0.3 };

/** Shares are typed as decimals like 0.15; rounding keeps 1 − 0.15 − 0.3 from showing as 0.5499999999999999. */
const roundShare = (x: number) => Math.round(x * 1e6) / 1e6;

/** Editing one share of a split takes the difference from train (or, when train itself is edited, from test). */
function rebalanceSplit(params: Record<string, unknown>, key: string): Record<string, unknown> {
  if (!(SPLIT_SHARES as readonly string[]).includes(key)) return params;
  const share = (name: (typeof SPLIT_SHARES)[number]) => (typeof params[name] === "number" ? (params[name] as number) : SPLIT_DEFAULTS[name]);
  const edited = share(key as (typeof SPLIT_SHARES)[number]);
  if (edited < 0 || edited > 1) return params;
  const absorber = key === "train" ? "test" : "train";
  const fixed = SPLIT_SHARES.filter((s) => s !== key && s !== absorber).map(share)[0]!;
  const rest = roundShare(1 - edited - fixed);
  // Nothing left for the absorbing share: leave the form as typed and let the node's check say why.
  if (rest < 0 || (absorber === "train" && rest === 0)) return params;
  return { ...params, [absorber]: rest };
}

const LINKED: Record<string, (params: Record<string, unknown>, key: string) => Record<string, unknown>> = {
  split: rebalanceSplit,
};

/** The node's params after the user set `key` to `value` (undefined clears it), with linked params adjusted. */
export function applyParamChange(kind: string, params: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const next = { ...params };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return value === undefined ? next : (LINKED[kind]?.(next, key) ?? next);
}
