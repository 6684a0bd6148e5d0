import type { Db } from "../db";
import { prefixOf, secretMatches } from "../auth/secretToken";
import { DomainError } from "../errors/domainError";

/** Finds the live link for a presented token, or explains why it cannot be used. */
export async function findUsableShareLink(db: Db, token: string) {
  const candidates = await db.shareLink.findMany({
    where: { prefix: prefixOf(token) },
    include: { project: { select: { id: true, name: true } }, createdBy: { select: { name: true, email: true } } },
  });
  const link = candidates.find((c) => secretMatches(token, c.tokenHash));
  if (!link) throw new DomainError("notFound", "This share link is not valid. Ask the project owner for a new one.");
  if (link.revokedAt) throw new DomainError("forbidden", "This share link has been revoked by the project owner.");
  if (link.expiresAt && link.expiresAt.getTime() <= Date.now()) {
    throw new DomainError("forbidden", "This share link has expired. Ask the project owner for a new one.");
  }
  return link;
}

/** What someone holding the link may see before signing in: the project, the role offered and who offers it. */
export async function shareInvitation(db: Db, token: string): Promise<{ projectName: string; role: string; invitedBy: string } | { error: string }> {
  try {
    const link = await findUsableShareLink(db, token);
    return { projectName: link.project.name, role: link.role, invitedBy: link.createdBy.name ?? link.createdBy.email };
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  }
}
