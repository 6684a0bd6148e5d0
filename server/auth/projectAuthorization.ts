import { parseRole, roleSatisfies, type Role } from "@/contracts/projectRoles";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";

/**
 * The one authorization check for work on a project, used by tRPC's projectProcedure and by the
 * REST route handlers alike: the user must hold at least `minimumRole` there. Non-members get
 * notFound so project ids do not leak; members below the role get forbidden. Returns their role.
 */
export async function authorizeProject(db: Db, userId: string, projectId: string, minimumRole: Role): Promise<Role> {
  const membership = await db.membership.findUnique({ where: { projectId_userId: { projectId, userId } } });
  if (!membership) throw new DomainError("notFound", "Project not found.");
  const role = parseRole(membership.role);
  if (!roleSatisfies(role, minimumRole)) {
    throw new DomainError("forbidden", `This needs the ${minimumRole} role in the project; you are a ${role}.`);
  }
  return role;
}
