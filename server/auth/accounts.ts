import type { Db } from "../db";
import { createDemoProject } from "../projects/demoProject";
import type { z } from "zod";
import { signInSchema, type signUpSchema } from "./credentials";
import { hashPassword, verifyPassword } from "./password";

export class SignUpError extends Error {}

/** Creates the user and their demo project in one transaction: no half-made accounts. */
export async function signUp(db: Db, { email, password, name }: z.infer<typeof signUpSchema>) {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email } })) {
      throw new SignUpError("An account with this email already exists. Sign in instead.");
    }
    const user = await tx.user.create({ data: { email, name: name || null, passwordHash } });
    await createDemoProject(tx, user.id);
    return { id: user.id, email: user.email, name: user.name };
  });
}

/** Returns the user for a correct email + password, else null (never says which part was wrong). */
export async function authenticate(db: Db, input: unknown) {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  if (!user?.passwordHash) return null;
  if (!(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name };
}

/** OAuth sign-in: link the provider identity to the user with that email, creating both if new. */
export async function findOrCreateOAuthUser(
  db: Db,
  identity: { provider: string; providerAccountId: string; email: string; name?: string | null },
) {
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
