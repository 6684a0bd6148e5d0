import { z } from "zod";
import type { Table } from "../table/table";
import { applyEncode, encodeParamsSchema, encodeStateSchema, fitEncode } from "./encode";
import { applyImpute, fitImpute, imputeParamsSchema, imputeStateSchema } from "./impute";
import { applyOutliers, fitOutliers, outlierParamsSchema, outlierStateSchema } from "./outliers";
import { applyScale, fitScale, scaleParamsSchema, scaleStateSchema } from "./scale";
import { applyTextNormalize, fitTextNormalize, textNormalizeParamsSchema, textNormalizeStateSchema } from "./text-normalize";

/**
 * Every table → table transform that is fitted on training data, keyed by the
 * `kind` its state carries. Node wrappers read the params schema from here; a
 * deployed model stores its list of states and replays them with applyFittedChain.
 */
export const FITTED_TRANSFORMS = {
  impute: { paramsSchema: imputeParamsSchema, stateSchema: imputeStateSchema, fit: fitImpute, apply: applyImpute },
  scale: { paramsSchema: scaleParamsSchema, stateSchema: scaleStateSchema, fit: fitScale, apply: applyScale },
  encode: { paramsSchema: encodeParamsSchema, stateSchema: encodeStateSchema, fit: fitEncode, apply: applyEncode },
  outliers: { paramsSchema: outlierParamsSchema, stateSchema: outlierStateSchema, fit: fitOutliers, apply: applyOutliers },
  normalizeText: {
    paramsSchema: textNormalizeParamsSchema,
    stateSchema: textNormalizeStateSchema,
    fit: fitTextNormalize,
    apply: applyTextNormalize,
  },
} as const;

export type FittedTransformKind = keyof typeof FITTED_TRANSFORMS;

export const fittedStateSchema = z.discriminatedUnion("kind", [
  imputeStateSchema,
  scaleStateSchema,
  encodeStateSchema,
  outlierStateSchema,
  textNormalizeStateSchema,
]);
export type FittedState = z.infer<typeof fittedStateSchema>;

/** Applies one fitted state (checked against its schema first), whatever its kind. */
export function applyFitted(state: FittedState, table: Table): Table {
  const s = fittedStateSchema.parse(state);
  switch (s.kind) {
    case "impute":
      return applyImpute(s, table);
    case "scale":
      return applyScale(s, table);
    case "encode":
      return applyEncode(s, table);
    case "outliers":
      return applyOutliers(s, table);
    case "normalizeText":
      return applyTextNormalize(s, table);
  }
}

/** Applies fitted states in order: the preprocessing a model was trained behind. */
export function applyFittedChain(states: readonly FittedState[], table: Table): Table {
  return states.reduce((current, state) => applyFitted(state, current), table);
}
