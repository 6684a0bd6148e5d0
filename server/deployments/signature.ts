import { z } from "zod";
import { COLUMN_TYPES } from "@/pipeline/ml/table/table";
import type { ModelArtifact } from "@/pipeline/spec/portValues";

/** What an endpoint accepts and returns, frozen per model version so clients can check compatibility. */
export const modelSignatureSchema = z.object({
  task: z.enum(["classification", "regression"]),
  target: z.string(),
  features: z.array(z.object({ name: z.string(), type: z.enum(COLUMN_TYPES) })),
  classes: z.array(z.string()),
});
export type ModelSignature = z.infer<typeof modelSignatureSchema>;

export function signatureOf(model: ModelArtifact): ModelSignature {
  return {
    task: model.task,
    target: model.target,
    features: model.features.map((f) => ({ name: f.name, type: f.type })),
    classes: model.task === "classification" ? [...model.classes] : [],
  };
}

export function parseSignature(json: string): ModelSignature {
  return modelSignatureSchema.parse(JSON.parse(json));
}
