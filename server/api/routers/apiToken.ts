import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { requireBrowserSession } from "../browserSession";
import { issueSecret } from "../../auth/secretToken";
import { router, userProcedure } from "../trpc";

export const apiTokenRouter = router({
  list: userProcedure.query(({ ctx }) =>
    ctx.db.apiToken.findMany({
      where: { userId: ctx.userId, revokedAt: null },
      select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
      orderBy: { createdAt: "desc" },
    }),
  ),

  /**
   * The token is returned once and stored only as a hash. Only a signed-in browser session may
   * create one: a leaked token must not be able to mint successors that outlive its revocation.
   */
  create: userProcedure
    .input(z.object({ name: z.string().trim().min(1, { message: "Name the token so you can recognise it later." }).max(100) }))
    .mutation(async ({ ctx, input }) => {
      requireBrowserSession(ctx.identity, "API tokens can be created");
      const secret = issueSecret("vjr");
      const created = await ctx.db.apiToken.create({
        data: { userId: ctx.userId, name: input.name, prefix: secret.prefix, tokenHash: secret.hash },
        select: { id: true, name: true, prefix: true, createdAt: true },
      });
      return { ...created, token: secret.token };
    }),

  revoke: userProcedure.input(z.object({ tokenId: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    const { count } = await ctx.db.apiToken.updateMany({
      where: { id: input.tokenId, userId: ctx.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "No active token with that id." });
    return { id: input.tokenId };
  }),
});
