import type { Role } from "../api/roles";
import { parseRole, roleSatisfies } from "../api/roles";
import { identifyRequest } from "../auth/requestIdentity";
import type { Db } from "../db";
import { changesState, CROSS_SITE_MESSAGE, isSameOriginRequest } from "./sameOrigin";

function refuse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

/**
 * The route-handler twin of projectProcedure(role): the caller (session cookie or
 * Bearer API token) must hold `role` in the project. Non-members get 404 so
 * project ids do not leak. Returns the user id, or the response to send instead.
 */
export async function requireProjectRole(db: Db, req: Request, projectId: string, role: Role): Promise<{ userId: string } | Response> {
  const identity = await identifyRequest(db, req.headers);
  if (identity === "invalid-token") return refuse(401, "UNAUTHORIZED", "This API token is not valid. It may have been revoked.");
  if (identity === null) return refuse(401, "UNAUTHORIZED", "Sign in to continue.");
  if (identity.via === "session" && changesState(req.method) && !isSameOriginRequest(req.headers)) {
    return refuse(403, "CROSS_SITE_REQUEST", CROSS_SITE_MESSAGE);
  }
  const membership = await db.membership.findUnique({ where: { projectId_userId: { projectId, userId: identity.userId } } });
  if (!membership) return refuse(404, "NOT_FOUND", "Project not found.");
  const memberRole = parseRole(membership.role);
  if (!roleSatisfies(memberRole, role)) {
    return refuse(403, "FORBIDDEN", `This needs the ${role} role in the project; you are a ${memberRole}.`);
  }
  return { userId: identity.userId };
}

export { refuse };
