import type { Db } from "../db";

/** Who changed the registry: a signed-in user, or (userId null) the pipeline run that did it. */
export interface RegistryActor {
  userId: string | null;
  label: string;
}

/** The signed-in user as the registry records them: their name, or their email when they gave none. */
export async function userActor(db: Db, userId: string): Promise<RegistryActor> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } });
  return { userId, label: user.name?.trim() || user.email };
}
