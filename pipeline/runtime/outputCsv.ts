import type { Table } from "../ml/table/table";
import { writeCsv } from "../ml/table/write-csv";
import type { PipelineSpec } from "../spec/spec";
import type { ArtifactCache } from "./artifactCache";
import type { DatasetResolver } from "../spec/datasetResolver";
import type { ExpressionSandbox } from "../ml/labeling/expression-sandbox";
import { runSpec } from "./runSpec";
import { upstreamSpec } from "./upstreamSpec";

/** The parts of a Split output, by the names the preview shows them under. */
export const SPLIT_PARTS = { train: "train", validation: "valid", test: "test" } as const;
export type SplitPart = keyof typeof SPLIT_PARTS;

export type OutputCsv = { ok: true; fileName: string; csv: string } | { ok: false; message: string };

/**
 * A node's table output (or one part of a Split) as a whole CSV file, for "Download CSV" beside a
 * preview. Spreadsheet-safe like the server's CSV downloads, since a cell may hold anything a
 * dataset's author wrote. Upstream work is reused from `cache`, so right after a preview this is only the write.
 */
export async function outputCsv(
  spec: PipelineSpec,
  nodeId: string,
  port: string,
  part: SplitPart | undefined,
  options: { datasets: DatasetResolver; cache: ArtifactCache; expressionSandbox?: ExpressionSandbox },
): Promise<OutputCsv> {
  const result = await runSpec(upstreamSpec(spec, nodeId), options);
  if (result.status !== "succeeded") return { ok: false, message: result.error?.message ?? "The run did not finish." };
  const artifact = result.artifacts[nodeId]?.[port];
  if (!artifact) return { ok: false, message: `Node "${nodeId}" has no output "${port}".` };
  let table: Table;
  if (artifact.type === "Split") {
    if (part === undefined) return { ok: false, message: "Choose which part of the split to download." };
    table = (artifact.value as Record<(typeof SPLIT_PARTS)[SplitPart], Table>)[SPLIT_PARTS[part]];
  } else if (artifact.type === "Table" || artifact.type === "LabeledTable" || artifact.type === "Predictions") {
    table = artifact.value as Table;
  } else {
    return { ok: false, message: `A ${artifact.type} output is not a table; only tables download as CSV.` };
  }
  const stem = [nodeId, port, part].filter((piece) => piece !== undefined).join("-");
  return { ok: true, fileName: `${stem.replace(/[^A-Za-z0-9._-]+/g, "_")}.csv`, csv: writeCsv(table, ",", { spreadsheetSafe: true }) };
}
