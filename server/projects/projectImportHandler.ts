import { defaultBlobStore } from "../artifacts/defaultStore";
import { refuseCrossSiteSession, requireIdentity } from "../auth/callerAuthentication";
import { identifyRequest } from "../auth/requestIdentity";
import { db } from "../db";
import { env } from "../env";
import { withErrorBoundary } from "../errors/restErrors";
import { withBodyLimits } from "../http/bodyLimit";
import { changesState, isSameOriginRequest } from "../http/sameOrigin";
import { importProjectArchive } from "./importProject";

/**
 * POST /api/projects/import: the body is an archive; answers 201 with the new project's id and name.
 * Any signed-in user may import: the project is new and theirs alone.
 */
export const handleProjectImport = withErrorBoundary("project import", (req: Request): Promise<Response> =>
  withBodyLimits(req, { maxBytes: env.VAJRA_IMPORT_MAX_BYTES }, async (bounded) => {
    const identity = await identifyRequest(db, bounded.headers);
    const { userId } = requireIdentity(identity);
    refuseCrossSiteSession(identity, { changesState: changesState(bounded.method), sameOrigin: isSameOriginRequest(bounded.headers) });
    const project = await importProjectArchive(db, defaultBlobStore(), {
      userId,
      body: bounded.body,
      limits: { maxUnpackedBytes: env.VAJRA_IMPORT_MAX_UNPACKED_BYTES },
    });
    return Response.json(project, { status: 201 });
  }),
);
