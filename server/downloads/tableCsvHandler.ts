import { writeCsv } from "@/pipeline/ml/table/write-csv";
import type { Table } from "@/pipeline/ml/table/table";
import { deserializeArtifact } from "../artifacts/artifactSerialization";
import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { DomainError } from "../errors/domainError";
import { withErrorBoundary } from "../errors/restErrors";
import { attachmentDisposition } from "../http/attachment";
import { requireProjectRole } from "../http/projectAccess";
import { fileNameStem } from "./fileNames";

/** Port types whose value is a Table (a Predict node's output among them). */
const TABLE_PORT_TYPES = new Set(["Table", "LabeledTable", "Predictions"]);

/**
 * GET /api/projects/{projectId}/artifacts/{artifactId}/csv: a table artifact (e.g. a Predict node's
 * predictions) as a CSV download, written as readCsv reads it back. Any project viewer may download it.
 */
export const handleTableCsvDownload = withErrorBoundary("table download", downloadTable);

async function downloadTable(req: Request, projectId: string, artifactId: string): Promise<Response> {
  await requireProjectRole(db, req, projectId, "viewer");
  const artifact = await db.artifact.findFirst({
    where: { id: artifactId, projectId },
    select: { storageKey: true, portType: true, nodeId: true, port: true },
  });
  if (!artifact) throw new DomainError("notFound", "Artifact not found in this project.");
  if (!TABLE_PORT_TYPES.has(artifact.portType)) throw new DomainError("invalid", `A ${artifact.portType} output is not a table; only tables download as CSV.`);
  // The port type says it is a table, so the decoded value is one.
  const table = deserializeArtifact(await defaultBlobStore().get(artifact.storageKey)) as Table;
  return new Response(writeCsv(table, ",", { spreadsheetSafe: true }), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": attachmentDisposition(`${fileNameStem(`${artifact.nodeId}-${artifact.port}`)}.csv`),
      "cache-control": "private, max-age=3600",
    },
  });
}
