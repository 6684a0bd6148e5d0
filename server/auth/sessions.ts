import type { Db } from "../db";

/**
 * Server-side record of browser sessions. The session cookie is a next-auth JWT that names a
 * UserSession row (its `sid` claim); a session is live only while its row exists and is younger
 * than SESSION_MAX_AGE_SECONDS. Deleting rows is how sign-out, password change and "sign out
 * everywhere" revoke cookies that were already handed out (a JWT alone cannot be recalled).
 */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

function oldestLiveStart(): Date {
  return new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000);
}

/** Records a new session for the user and returns its id; also drops the user's expired rows. */
export async function startSession(db: Db, userId: string): Promise<string> {
  await db.userSession.deleteMany({ where: { userId, createdAt: { lt: oldestLiveStart() } } });
  const session = await db.userSession.create({ data: { userId }, select: { id: true } });
  return session.id;
}

/** True when the session exists, belongs to the user and has not outlived the maximum age. */
export async function sessionIsLive(db: Db, sessionId: string, userId: string): Promise<boolean> {
  const session = await db.userSession.findUnique({ where: { id: sessionId }, select: { userId: true, createdAt: true } });
  return session !== null && session.userId === userId && session.createdAt >= oldestLiveStart();
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.userSession.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of the user, except `keep` (the caller's own, after a password change). */
export async function endAllSessions(db: Db, userId: string, keep?: string): Promise<number> {
  const { count } = await db.userSession.deleteMany({ where: { userId, ...(keep ? { id: { not: keep } } : {}) } });
  return count;
}
