import { z } from "zod";
import { combineOutputs, stackOutputs } from "../ml/ensemble/ensemble-model";
import type { Table } from "../ml/table/table";
import type { ModelArtifact } from "../spec/portValues";
import type { ModelOutput } from "./modelOutput";
import { loadModel } from "./modelTrainers";

export const ENSEMBLE_MODEL_KIND = "ensemble";

/**
 * What an ensemble's Model artifact holds in `model`: its members as complete Model
 * artifacts (each with its own fitted preprocessing, so members may read different
 * columns or scale them differently) and how to combine their outputs. Stacking adds
 * a meta-learner that reads the members' outputs side by side.
 */
export const ensembleStateSchema = z.object({
  format: z.literal("vajra-ensemble/1"),
  method: z.enum(["voting", "stacking", "bagging"]),
  combine: z.enum(["soft", "hard"]),
  weights: z.array(z.number().min(0)),
  members: z.array(z.custom<ModelArtifact>((v) => typeof v === "object" && v !== null && "modelKind" in v && "model" in v)).min(1),
  meta: z.unknown().optional(),
});
export type EnsembleState = z.infer<typeof ensembleStateSchema>;

export function isEnsembleArtifact(artifact: ModelArtifact): boolean {
  return artifact.modelKind === ENSEMBLE_MODEL_KIND;
}

/** Runs every member on the raw rows and combines their outputs as the ensemble was built to. */
export async function predictEnsemble(
  artifact: ModelArtifact,
  table: Table,
  withTarget: boolean,
  predictMember: (member: ModelArtifact, table: Table, withTarget: boolean) => Promise<ModelOutput>,
): Promise<ModelOutput> {
  const parsed = ensembleStateSchema.safeParse(artifact.model);
  if (!parsed.success) throw new Error(`The ensemble model is corrupt: ${parsed.error.issues[0]?.message}`);
  const state = parsed.data;
  const outputs: ModelOutput[] = [];
  for (const member of state.members) outputs.push(await predictMember(member, table, withTarget));
  const first = outputs[0]!;
  const rows = first.rowIndices.length;
  // Members drop the same rows (those missing the target); anything else means a corrupt artifact.
  if (outputs.some((o) => o.rowIndices.length !== rows || o.width !== first.width))
    throw new Error("The ensemble's members disagree on which rows they predict");
  let scores: Float32Array;
  if (state.method === "stacking") {
    if (state.meta === undefined) throw new Error("A stacking ensemble has no meta-learner");
    const meta = await loadModel(state.meta);
    try {
      if (meta.input !== "matrix") throw new Error("A stacking meta-learner must read a feature matrix");
      scores =
        rows === 0
          ? new Float32Array(0)
          : await meta.model.predict(
              stackOutputs(
                outputs.map((o) => o.scores),
                rows,
              ),
            );
    } finally {
      meta.model.dispose();
    }
  } else {
    scores = combineOutputs(
      outputs.map((o) => o.scores),
      rows,
      first.width,
      state.combine,
      state.weights,
    );
  }
  return { rowIndices: first.rowIndices, scores, width: first.width, ...(first.y === undefined ? {} : { y: first.y }) };
}
