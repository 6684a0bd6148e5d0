import type { ExpressionSandbox } from "../ml/labeling/expression-sandbox";
import { analyzeLabelMatrix, classBalance, type ClassBalance } from "../ml/labeling/analysis";
import { majorityVote } from "../ml/labeling/majority-vote";
import type { PlotValue } from "../ml/plots/plotSummary";
import { displayValue } from "../ml/table/cell-text";
import { describeTable, type TableStats } from "../ml/table/stats";
import type { Table } from "../ml/table/table";
import type { LabelMatrixValue, MetricsValue } from "../spec/portValues";
import type { PipelineSpec } from "../spec/spec";
import type { ArtifactCache } from "./artifactCache";
import type { DatasetResolver } from "../spec/datasetResolver";
import { runSpec } from "./runSpec";
import { upstreamSpec } from "./upstreamSpec";

const PREVIEW_ROWS = 20;
const STATS_SAMPLE = 5000;

export interface TablePreview {
  rowCount: number;
  columns: { name: string; type: string }[];
  /** First rows as display text, for a grid. */
  rows: string[][];
  stats: TableStats;
}

/** Snorkel-style analysis of a label matrix, for the labeling-functions inspector. */
export interface LabelMatrixPreview {
  rowCount: number;
  /** Shares of rows with at least one vote, with two or more, and with disagreeing votes. */
  coverage: number;
  overlaps: number;
  conflicts: number;
  functions: {
    name: string;
    /** Classes the function voted for at least once. */
    polarity: string[];
    coverage: number;
    overlaps: number;
    conflicts: number;
    /** Share of its votes on gold-labelled dev rows that were right; absent without a dev table or when it never fired there. */
    accuracy?: number;
    /** Gold-labelled dev rows it voted on (the accuracy's sample size); present with a dev table. */
    devVotes?: number;
  }[];
  /** Labels the functions give together (majority vote; ties and uncovered rows are unlabelled). */
  classBalance: ClassBalance;
  /** Gold-labelled rows of the dev table, when one is connected. */
  devRows?: number;
}

export type OutputPreview =
  | { kind: "table"; table: TablePreview }
  | { kind: "split"; parts: { name: string; table: TablePreview }[] }
  | { kind: "metrics"; metrics: MetricsValue }
  | { kind: "plot"; plot: PlotValue }
  | ({ kind: "labelMatrix" } & LabelMatrixPreview)
  | { kind: "failed"; nodeId?: string; message: string };

export function previewTable(table: Table): TablePreview {
  const shown = Math.min(PREVIEW_ROWS, table.rowCount);
  const rows: string[][] = [];
  for (let r = 0; r < shown; r += 1) rows.push(table.columns.map((c) => displayValue(c, r)));
  return {
    rowCount: table.rowCount,
    columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
    rows,
    stats: describeTable(table, { sampleSize: STATS_SAMPLE }),
  };
}

export function previewLabelMatrix(matrix: LabelMatrixValue): LabelMatrixPreview {
  const summary = analyzeLabelMatrix(matrix);
  const dev = matrix.dev === undefined ? undefined : analyzeLabelMatrix({ ...matrix, votes: matrix.dev.votes, rowCount: matrix.dev.rowCount }, matrix.dev.gold);
  return {
    rowCount: matrix.rowCount,
    coverage: summary.coverage,
    overlaps: summary.overlaps,
    conflicts: summary.conflicts,
    functions: summary.functions.map((f, j) => {
      const onDev = dev?.functions[j];
      return {
        name: f.name,
        polarity: f.polarity,
        coverage: f.coverage,
        overlaps: f.overlaps,
        conflicts: f.conflicts,
        ...(onDev?.empiricalAccuracy === undefined ? {} : { accuracy: onDev.empiricalAccuracy }),
        ...(onDev === undefined ? {} : { devVotes: onDev.correct! + onDev.incorrect! }),
      };
    }),
    classBalance: classBalance(majorityVote(matrix).labels, matrix.classes),
    ...(matrix.dev === undefined ? {} : { devRows: matrix.dev.gold.filter((k) => k >= 0).length }),
  };
}

/**
 * Runs what a node's output depends on and summarises that output: first rows and
 * per-column stats on a sample, or a label matrix's per-function analysis. Meant for a worker: it can take a while on big data.
 */
export async function previewOutput(
  spec: PipelineSpec,
  nodeId: string,
  port: string,
  options: { datasets: DatasetResolver; cache: ArtifactCache; signal?: AbortSignal; expressionSandbox?: ExpressionSandbox },
): Promise<OutputPreview> {
  const result = await runSpec(upstreamSpec(spec, nodeId), options);
  if (result.status !== "succeeded") {
    return { kind: "failed", ...(result.error?.nodeId ? { nodeId: result.error.nodeId } : {}), message: result.error?.message ?? "The run did not finish." };
  }
  const artifact = result.artifacts[nodeId]?.[port];
  if (!artifact) return { kind: "failed", nodeId, message: `Node "${nodeId}" has no output "${port}".` };
  return previewArtifact(nodeId, artifact);
}

/** One computed output summarised for display: a fresh one from a preview run, or one read back from storage. */
export function previewArtifact(nodeId: string, artifact: { type: string; value: unknown }): OutputPreview {
  switch (artifact.type) {
    case "Table":
    case "LabeledTable":
    case "Predictions":
      return { kind: "table", table: previewTable(artifact.value as Table) };
    case "Split": {
      const split = artifact.value as { train: Table; valid: Table; test: Table };
      return {
        kind: "split",
        parts: [
          { name: "train", table: previewTable(split.train) },
          { name: "validation", table: previewTable(split.valid) },
          { name: "test", table: previewTable(split.test) },
        ],
      };
    }
    case "Metrics": {
      return { kind: "metrics", metrics: artifact.value as MetricsValue };
    }
    case "Plot":
      return { kind: "plot", plot: artifact.value as PlotValue };
    case "LabelMatrix":
      return { kind: "labelMatrix", ...previewLabelMatrix(artifact.value as LabelMatrixValue) };
    default:
      return { kind: "failed", nodeId, message: `A ${artifact.type} output has no data preview.` };
  }
}
