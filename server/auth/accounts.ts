import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";
import { createDemoProject } from "../projects/demoProject";
import type { z } from "zod";
import { signInSchema, type changePasswordSchema, type signUpSchema } from "./credentials";
import { hashPassword, verifyPassword } from "./password";
import { endAllSessions } from "./sessions";
import { isUniqueViolation } from "../db/uniqueViolation";

/**
 * Sign-up cannot succeed for an email that has an account, but the answer should not read as
 * "this person uses Vajra": it names both likely causes and the way forward.
 */
export const SIGN_UP_REFUSED = "We could not create an account with these details. If you already have an account, sign in instead.";

// A real scrypt hash of a random password, so a sign-in for an unknown email (or an OAuth-only
// account) costs the same hash as a wrong password for a real one and timing does not tell them apart.
let dummyHash: Promise<string> | null = null;
function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(32).toString("base64"));
  return dummyHash;
}

/** Creates the user and their demo project in one transaction: no half-made accounts. */
export async function signUp(db: Db, { email, password, name }: z.infer<typeof signUpSchema>) {
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email } })) {
        throw new DomainError("conflict", SIGN_UP_REFUSED);
      }
      const user = await tx.user.create({ data: { email, name: name || null, passwordHash } });
      await createDemoProject(tx, user.id);
      return { id: user.id, email: user.email, name: user.name };
    });
  } catch (error) {
    // The same email signed up at the same moment: the unique index kept one, this is the other.
    if (isUniqueViolation(error)) throw new DomainError("conflict", SIGN_UP_REFUSED);
    throw error;
  }
}

/** Returns the user for a correct email + password, else null (never says which part was wrong). */
export async function authenticate(db: Db, input: unknown) {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  const passwordHash = user?.passwordHash ?? (await timingDummyHash());
  const matches = await verifyPassword(parsed.data.password, passwordHash);
  if (!user?.passwordHash || !matches) return null;
  return { id: user.id, email: user.email, name: user.name };
}

/**
 * Replaces the password after checking the current one, and ends every other session: whoever
 * may have learned the old password or copied a cookie is signed out. `keepSessionId` is the
 * caller's own session, which stays signed in.
 */
export async function changePassword(
  db: Db,
  userId: string,
  { currentPassword, newPassword }: z.infer<typeof changePasswordSchema>,
  keepSessionId?: string,
): Promise<{ signedOutSessions: number }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  const matches = await verifyPassword(currentPassword, user.passwordHash ?? (await timingDummyHash()));
  if (!user.passwordHash || !matches) throw new DomainError("invalid", "Your current password is not right.");
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword) } });
  return { signedOutSessions: await endAllSessions(db, userId, keepSessionId) };
}

/** OAuth sign-in: link the provider identity to the user with that email, creating both if new. */
export async function findOrCreateOAuthUser(db: Db, identity: { provider: string; providerAccountId: string; email: string; name?: string | null }) {
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    include: { user: true },
  });
  if (linked) return linked.user;
  return db.$transaction(async (tx) => {
    const email = identity.email.toLowerCase();
    let user = await tx.user.findUnique({ where: { email } });
    if (!user) {
      user = await tx.user.create({ data: { email, name: identity.name ?? null } });
      await createDemoProject(tx, user.id);
    }
    await tx.account.create({
      data: { userId: user.id, provider: identity.provider, providerAccountId: identity.providerAccountId },
    });
    return user;
  });
}
