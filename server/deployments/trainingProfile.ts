import { z } from "zod";
import { isMissing, type Table } from "@/pipeline/ml/table/table";
import { displayValue } from "@/pipeline/ml/table/cell-text";
import type { ModelSignature } from "./signature";

/** Evenly spaced order statistics kept per numeric feature: enough for a KS test, small enough for a row. */
const SAMPLE_SIZE = 500;

export const featureProfileSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("numeric"), sample: z.array(z.number()) }),
  z.object({ kind: z.literal("categorical"), frequencies: z.record(z.string(), z.number()) }),
]);
export const trainingProfileSchema = z.record(z.string(), featureProfileSchema);
export type FeatureProfile = z.infer<typeof featureProfileSchema>;
export type TrainingProfile = z.infer<typeof trainingProfileSchema>;

function quantileSample(values: number[]): number[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length <= SAMPLE_SIZE) return sorted;
  return Array.from({ length: SAMPLE_SIZE }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (SAMPLE_SIZE - 1))]!);
}

export function proportions(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  for (const key of Object.keys(counts)) counts[key]! /= values.length;
  return counts;
}

/** The training distribution of each numeric and categorical feature the model reads, from its train table. */
export function profileTable(table: Table, signature: ModelSignature): TrainingProfile {
  const profile: TrainingProfile = {};
  for (const feature of signature.features) {
    const column = table.columns.find((c) => c.name === feature.name);
    if (!column || column.type === "text") continue;
    if (column.type === "category") {
      const present = Array.from({ length: table.rowCount }, (_, row) => row).filter((row) => !isMissing(column, row));
      profile[feature.name] = { kind: "categorical", frequencies: proportions(present.map((row) => displayValue(column, row))) };
    } else {
      profile[feature.name] = { kind: "numeric", sample: quantileSample(Array.from(column.values)) };
    }
  }
  return profile;
}

export function parseTrainingProfile(json: string): TrainingProfile {
  return trainingProfileSchema.parse(JSON.parse(json));
}
