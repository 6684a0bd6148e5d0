import type { ModelSignature } from "../deployments/signature";

/**
 * How `next` would change an endpoint's contract if it replaced `live`, one sentence per
 * difference a client would notice (empty when clients need not change anything).
 */
export function signatureDifferences(live: ModelSignature, next: ModelSignature): string[] {
  const differences: string[] = [];
  if (live.task !== next.task) differences.push(`task changes from ${live.task} to ${next.task}`);
  if (live.target !== next.target) differences.push(`predicts "${next.target}" instead of "${live.target}"`);
  const nextFeatures = new Map(next.features.map((f) => [f.name, f.type]));
  const liveFeatures = new Map(live.features.map((f) => [f.name, f.type]));
  for (const [name, type] of liveFeatures) {
    const nextType = nextFeatures.get(name);
    if (nextType === undefined) differences.push(`no longer takes feature "${name}" (${type})`);
    else if (nextType !== type) differences.push(`feature "${name}" changes from ${type} to ${nextType}`);
  }
  for (const [name, type] of nextFeatures) if (!liveFeatures.has(name)) differences.push(`requires new feature "${name}" (${type})`);
  const added = next.classes.filter((c) => !live.classes.includes(c));
  const removed = live.classes.filter((c) => !next.classes.includes(c));
  if (added.length > 0) differences.push(`can answer new classes: ${added.join(", ")}`);
  if (removed.length > 0) differences.push(`never answers classes: ${removed.join(", ")}`);
  return differences;
}
