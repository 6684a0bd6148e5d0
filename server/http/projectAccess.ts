import type { Role } from "@/contracts/projectRoles";
import { refuseCrossSiteSession, requireIdentity } from "../auth/callerAuthentication";
import { authorizeProject } from "../auth/projectAuthorization";
import { identifyRequest } from "../auth/requestIdentity";
import type { Db } from "../db";
import { changesState, isSameOriginRequest } from "./sameOrigin";

/**
 * The route-handler side of projectProcedure(role): identifies the caller (session cookie or
 * Bearer API token) from the request and runs the same checks (requireIdentity,
 * refuseCrossSiteSession, authorizeProject), whose DomainErrors withErrorBoundary answers.
 */
export async function requireProjectRole(db: Db, req: Request, projectId: string, role: Role): Promise<{ userId: string; role: Role }> {
  const identity = await identifyRequest(db, req.headers);
  const { userId } = requireIdentity(identity);
  refuseCrossSiteSession(identity, { changesState: changesState(req.method), sameOrigin: isSameOriginRequest(req.headers) });
  return { userId, role: await authorizeProject(db, userId, projectId, role) };
}
