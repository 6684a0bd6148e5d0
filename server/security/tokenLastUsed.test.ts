import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { serveHandler } = await import("../testing/serveHandler");
const { handleTrpcRequest } = await import("../api/trpcHttpHandler");
const { recordTokenUse, TOKEN_USE_WRITE_INTERVAL_MS } = await import("../auth/tokenUse");
const { issueSecret } = await import("../auth/secretToken");

let http: Awaited<ReturnType<typeof serveHandler>>;

beforeAll(async () => {
  http = await serveHandler((req) => handleTrpcRequest(req));
  // Counts every write of lastUsedAt, as the database sees it.
  await db.$executeRawUnsafe(`CREATE TABLE "TokenUseWrite" ("tokenId" TEXT NOT NULL)`);
  await db.$executeRawUnsafe(
    `CREATE FUNCTION "count_token_use"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO "TokenUseWrite" VALUES (NEW."id"); RETURN NEW; END $$`,
  );
  await db.$executeRawUnsafe(`CREATE TRIGGER "count_token_use" AFTER UPDATE OF "lastUsedAt" ON "ApiToken" FOR EACH ROW EXECUTE FUNCTION "count_token_use"()`);
});

afterAll(() => http.close());

const listProjects = (token: string) => fetch(`${http.url}/api/trpc/project.list`, { headers: { authorization: `Bearer ${token}` } });

async function writesOf(tokenId: string): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "TokenUseWrite" WHERE "tokenId" = $1`, tokenId);
  return Number(rows[0]!.n);
}

async function unusedToken(userId: string): Promise<string> {
  const secret = issueSecret("vjr");
  await db.apiToken.create({ data: { userId, name: "unused", prefix: secret.prefix, tokenHash: secret.hash } });
  return secret.token;
}

async function tokenIdOf(userId: string): Promise<string> {
  return (await db.apiToken.findFirstOrThrow({ where: { userId } })).id;
}

describe("API token use is recorded best-effort, off the request path", () => {
  it("serves a read with a token while writing lastUsedAt fails", async () => {
    const { user } = await signedUpCaller("reader@example.com");
    // A second token, never used yet, so the request below is the one that tries to write.
    const token = await unusedToken(user.id);
    await db.$executeRawUnsafe(
      `CREATE FUNCTION "refuse_token_use"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'cannot execute UPDATE in a read-only transaction'; END $$`,
    );
    await db.$executeRawUnsafe(
      `CREATE TRIGGER "refuse_token_use" BEFORE UPDATE OF "lastUsedAt" ON "ApiToken" FOR EACH ROW EXECUTE FUNCTION "refuse_token_use"()`,
    );
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const answer = await listProjects(token);
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { result: { data: { json: unknown[] } } }).result.data.json).toHaveLength(1);
      // The failed write is logged, not thrown at the request.
      await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringContaining("Could not record the use of API token"), expect.anything()));
    } finally {
      warn.mockRestore();
      await db.$executeRawUnsafe(`DROP TRIGGER "refuse_token_use" ON "ApiToken"`);
      await db.$executeRawUnsafe(`DROP FUNCTION "refuse_token_use"()`);
    }
  });

  it("writes lastUsedAt once for quick successive requests, and again after a minute", async () => {
    const { token, user } = await signedUpCaller("busy@example.com");
    const tokenId = await tokenIdOf(user.id);
    // signedUpCaller used the token once: that is the one write.
    await vi.waitFor(async () => expect(await writesOf(tokenId)).toBe(1));
    for (let i = 0; i < 3; i++) expect((await listProjects(token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await writesOf(tokenId)).toBe(1);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt).not.toBeNull();

    recordTokenUse(db, tokenId, Date.now() + TOKEN_USE_WRITE_INTERVAL_MS);
    await vi.waitFor(async () => expect(await writesOf(tokenId)).toBe(2));
  });
});
