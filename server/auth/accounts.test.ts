import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { authenticate } = await import("./accounts");
const { callerWithHeaders } = await import("../testing/callers");
const { DEMO_PROJECT_NAME } = await import("../projects/demoProject");

const anonymous = await callerWithHeaders({});

async function signUpError(input: { email: string; password: string }) {
  try {
    await anonymous.account.signUp(input);
    return null;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, message: error.message };
  }
}

describe("sign-up and sign-in", () => {
  it("creates the user with a hashed password and a demo project they own", async () => {
    const user = await anonymous.account.signUp({ email: "  Ada@Example.com ", password: "analytical engine" });
    expect(user.email).toBe("ada@example.com");
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored.passwordHash).not.toContain("analytical engine");
    const memberships = await db.membership.findMany({ where: { userId: user.id }, include: { project: true } });
    expect(memberships.map((m) => [m.project.name, m.role])).toEqual([[DEMO_PROJECT_NAME, "owner"]]);
  });

  it("refuses a duplicate email without creating anything, in words that do not confirm the account exists", async () => {
    const before = await db.user.count();
    expect(await signUpError({ email: "ADA@example.com", password: "another password" })).toEqual({
      code: "CONFLICT",
      message: "We could not create an account with these details. If you already have an account, sign in instead.",
    });
    expect(await db.user.count()).toBe(before);
  });

  it("explains malformed emails and short passwords", async () => {
    expect(await signUpError({ email: "not-an-email", password: "long enough pw" })).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("valid email"),
    });
    expect(await signUpError({ email: "bob@example.com", password: "short" })).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("at least 8 characters"),
    });
    expect(await db.user.findUnique({ where: { email: "bob@example.com" } })).toBeNull();
  });

  it("authenticates only the right password", async () => {
    expect(await authenticate(db, { email: "ada@example.com", password: "analytical engine" })).toMatchObject({
      email: "ada@example.com",
    });
    expect(await authenticate(db, { email: "ada@example.com", password: "difference engine" })).toBeNull();
    expect(await authenticate(db, { email: "nobody@example.com", password: "analytical engine" })).toBeNull();
  });
});
