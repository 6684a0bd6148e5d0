import { displayValue } from "../ml/table/cell-text";
import { describeTable, type TableStats } from "../ml/table/stats";
import type { Table } from "../ml/table/table";
import type { PipelineSpec } from "../spec/spec";
import type { ArtifactCache } from "./artifactCache";
import type { DatasetResolver } from "./datasets";
import { runSpec } from "./runSpec";

const PREVIEW_ROWS = 20;
const STATS_SAMPLE = 5000;

export interface TablePreview {
  rowCount: number;
  columns: { name: string; type: string }[];
  /** First rows as display text, for a grid. */
  rows: string[][];
  stats: TableStats;
}

export type OutputPreview =
  | { kind: "table"; table: TablePreview }
  | { kind: "split"; parts: { name: string; table: TablePreview }[] }
  | { kind: "metrics"; values: Record<string, number>; partition: string; rows: number }
  | { kind: "failed"; nodeId?: string; message: string };

function previewTable(table: Table): TablePreview {
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

/** The node and everything it depends on, in spec order: all a preview needs to run. */
export function upstreamSpec(spec: PipelineSpec, nodeId: string): PipelineSpec {
  const needed = new Set<string>([nodeId]);
  for (const node of [...spec.nodes].reverse()) {
    if (needed.has(node.id)) for (const input of Object.values(node.inputs)) needed.add(input.node);
  }
  return { ...spec, nodes: spec.nodes.filter((n) => needed.has(n.id)) };
}

/**
 * Runs what a node's output depends on and summarises that output: first rows and
 * per-column stats on a sample. Meant for a worker: it can take a while on big data.
 */
export async function previewOutput(
  spec: PipelineSpec,
  nodeId: string,
  port: string,
  options: { datasets: DatasetResolver; cache: ArtifactCache; signal?: AbortSignal },
): Promise<OutputPreview> {
  const result = await runSpec(upstreamSpec(spec, nodeId), options);
  if (result.status !== "succeeded") {
    return { kind: "failed", ...(result.error?.nodeId ? { nodeId: result.error.nodeId } : {}), message: result.error?.message ?? "The run did not finish." };
  }
  const artifact = result.artifacts[nodeId]?.[port];
  if (!artifact) return { kind: "failed", nodeId, message: `Node "${nodeId}" has no output "${port}".` };
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
      const metrics = artifact.value as { values: Record<string, number>; partition: string; rows: number };
      return { kind: "metrics", values: metrics.values, partition: metrics.partition, rows: metrics.rows };
    }
    default:
      return { kind: "failed", nodeId, message: `A ${artifact.type} output has no data preview.` };
  }
}
