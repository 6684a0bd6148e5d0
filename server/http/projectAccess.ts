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

/** Reads at most `maxBytes` of the body (Content-Length can be absent or wrong); null when it is larger. */
export async function readBodyWithin(req: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export function payloadTooLarge(maxBytes: number): Response {
  return refuse(413, "PAYLOAD_TOO_LARGE", `The request body is larger than the limit of ${maxBytes} bytes.`);
}

export { refuse };
