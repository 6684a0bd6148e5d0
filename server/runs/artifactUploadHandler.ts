import { defaultBlobStore } from "../artifacts/defaultStore";
import { db } from "../db";
import { DomainError } from "../errors/domainError";
import { withErrorBoundary } from "../errors/restErrors";
import { withBodyLimits } from "../http/bodyLimit";
import { requireProjectRole } from "../http/projectAccess";
import { artifactUploadSchema, findReportableRun, recordBrowserStep } from "./browserRuns";

/** Table artifacts of a browser run can be large; beyond this, run on the server. */
export const MAX_ARTIFACT_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Models nest deeper than API inputs (ensembles of trees) but never thousands of levels, which overflow the stack. */
export const MAX_ARTIFACT_JSON_DEPTH = 256;

/**
 * POST /api/runs/{runId}/artifacts: a browser run uploads one step and its outputs
 * (JSON, see artifactUploadSchema), in spec order, so its artifacts and lineage are
 * recorded exactly as a server run's would be.
 */
export const handleArtifactUpload = withErrorBoundary("artifact upload", (req: Request, runId: string): Promise<Response> =>
  // Counted while it streams (413 past the limit, with or without Content-Length) and checked for depth.
  withBodyLimits(req, { maxBytes: MAX_ARTIFACT_UPLOAD_BYTES, maxJsonDepth: MAX_ARTIFACT_JSON_DEPTH }, (bounded) => recordUpload(bounded, runId)),
);

async function recordUpload(req: Request, runId: string): Promise<Response> {
  const located = await db.run.findUnique({ where: { id: runId }, select: { projectId: true } });
  if (!located) throw new DomainError("notFound", "Run not found.");
  const access = await requireProjectRole(db, req, located.projectId, "editor");
  const run = await findReportableRun(db, located.projectId, runId, access.userId);
  // withBodyLimits has bounded the body: reading past the limit fails the stream (answered 413).
  const body = await req.text();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new DomainError("invalid", "The body must be JSON.");
  }
  const upload = artifactUploadSchema.safeParse(json);
  if (!upload.success) throw new DomainError("unprocessable", upload.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const artifacts = await recordBrowserStep(db, defaultBlobStore(), run, upload.data);
  return Response.json({ artifacts }, { status: 201 });
}
