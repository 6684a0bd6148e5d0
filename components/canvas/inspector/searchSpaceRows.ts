import { z } from "zod";
import { searchSpaceFromParams, type Dimension, type ParamValue, type SearchSpace } from "@/pipeline/ml/tuner/search-space";
import { modelNodeByKind } from "@/pipeline/nodes/modelNodes";

export type DimensionType = Dimension["type"];

/** A model kind's hyperparameter names, and the space the tuner derives from them when it is given none. */
export function modelHyperparameters(modelKind: string): { names: string[]; defaults: SearchSpace } {
  const spec = modelNodeByKind(modelKind)?.modelSpec;
  if (!spec) return { names: [], defaults: {} };
  return { names: Object.keys(spec.hyperparameters), defaults: searchSpaceFromParams(z.object(spec.hyperparameters)) };
}

/** "0.1, 1, relu, true" → [0.1, 1, "relu", true]: numbers and booleans as such, anything else as text. */
export function parseChoices(text: string): ParamValue[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map((item) => {
      if (item === "true" || item === "false") return item === "true";
      const number = Number(item);
      return Number.isFinite(number) ? number : item;
    });
}

export function formatChoices(values: readonly ParamValue[]): string {
  return values.map(String).join(", ");
}

/** Renames one dimension and keeps the rows in their order. */
export function renameDimension(space: SearchSpace, from: string, to: string): SearchSpace {
  return Object.fromEntries(Object.entries(space).map(([name, dimension]) => [name === from ? to : name, dimension]));
}

/**
 * A dimension turned into another type, keeping what carries over: a range's ends become
 * its choices and back; otherwise the model's default for the param, else 0 to 1.
 */
export function retypeDimension(dimension: Dimension, type: DimensionType, fallback: Dimension | undefined): Dimension {
  if (type === dimension.type) return dimension;
  if (type === "choice") {
    if (fallback?.type === "choice") return fallback;
    return { type, values: dimension.type === "choice" ? dimension.values : [dimension.min, dimension.max] };
  }
  const numbers = dimension.type === "choice" ? dimension.values.filter((v): v is number => typeof v === "number") : [dimension.min, dimension.max];
  const range =
    numbers.length > 0
      ? { min: Math.min(...numbers), max: Math.max(...numbers), log: dimension.type !== "choice" && dimension.log }
      : fallback && fallback.type !== "choice"
        ? { min: fallback.min, max: fallback.max, log: fallback.log }
        : { min: 0, max: 1, log: false };
  return type === "int" ? { type, min: Math.ceil(range.min), max: Math.floor(range.max), log: range.log } : { type, ...range };
}

/** The row a new hyperparameter starts with: its derived default, else a 0–1 range. */
export function newDimension(name: string, defaults: SearchSpace): Dimension {
  return defaults[name] ?? { type: "float", min: 0, max: 1, log: false };
}
