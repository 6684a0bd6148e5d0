import type { PlotValue } from "../ml/plots/plotSummary";
import type { ColumnSchema, Table } from "../ml/table/table";
import type { ModelTask, PortType } from "./portTypes";

/** Runtime values flowing on each port type. All are plain data (no closures) so they serialise. */
export interface SplitValue {
  train: Table;
  valid: Table;
  test: Table;
}

/**
 * A trained model as data: the fitted preprocessing and the model's own JSON, so it
 * predicts from raw rows wherever it is shipped (worker, server, endpoint).
 */
export interface ModelArtifact {
  modelKind: string;
  task: ModelTask;
  target: string;
  features: ColumnSchema[];
  /** Class labels in the order the model's probability outputs use (classification only). */
  classes: string[];
  /** Fitted featurization state (JSON). */
  preprocessing: unknown;
  /** The fitted model's own `toJSON()` output. */
  model: unknown;
  trainRows: number;
}

export interface MetricsValue {
  task: ModelTask;
  partition: string;
  rows: number;
  values: Record<string, number>;
  /** Classification only: class order for `confusion`. */
  classes?: string[];
  confusion?: number[][];
  slices?: { column: string; value: string; rows: number; values: Record<string, number> }[];
  /** A tuner's search: every trial in the order it ran. */
  trials?: TrialRecord[];
  /** What the tuner's trial scores measure, and which way is better. */
  objective?: { metric: string; goal: "maximize" | "minimize" };
  /** The trial (and, for Hyperband, budget) whose params the tuner's model was trained with. */
  bestTrial?: { trial: number; budget?: number };
}

export interface TrialRecord {
  trial: number;
  params: Record<string, string | number | boolean>;
  /** The objective on the validation split; NaN when the trial failed. */
  score: number;
  durationMs: number;
  /** Hyperband: stopped at this budget instead of being promoted. */
  pruned: boolean;
  budget?: number;
}

export interface LabelMatrixValue {
  labelingFunctions: string[];
  classes: string[];
  /** rows × labelingFunctions votes; -1 means abstain. */
  votes: Int32Array;
  rowCount: number;
  /** The same functions' votes on a gold-labelled dev table, for empirical accuracies; gold is a class index or -1. */
  dev?: { votes: Int32Array; gold: Int32Array; rowCount: number };
}

export interface DeploymentValue {
  slug: string;
  modelFingerprint: string;
}

export interface PortValueMap {
  Table: Table;
  LabeledTable: Table;
  Split: SplitValue;
  LabelMatrix: LabelMatrixValue;
  Model: ModelArtifact;
  Predictions: Table;
  Metrics: MetricsValue;
  Deployment: DeploymentValue;
  /** A plot node's chart data, already summarised (see summarizePlot). */
  Plot: PlotValue;
}

export type PortValue = PortValueMap[PortType];
