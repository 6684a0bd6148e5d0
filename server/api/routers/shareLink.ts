import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { issueSecret } from "../../auth/secretToken";
import { findUsableShareLink } from "../../projects/shareLinks";
import { parseRole, roleSatisfies } from "@/contracts/projectRoles";
import { projectProcedure, router, userProcedure } from "../trpc";

const shareRoleSchema = z.enum(["viewer", "editor"]);
const tokenInput = z.object({ token: z.string().min(1).max(200) });

export const shareLinkRouter = router({
  create: projectProcedure("owner")
    .input(
      z.object({
        role: shareRoleSchema,
        expiresInDays: z.number().int().min(1).max(365).nullable().default(null),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const secret = issueSecret("share");
      const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
      const link = await ctx.db.shareLink.create({
        data: {
          projectId: ctx.projectId,
          createdById: ctx.userId,
          role: input.role,
          tokenHash: secret.hash,
          prefix: secret.prefix,
          expiresAt,
        },
      });
      // The token leaves the server only here, once; the path is relative so any host works.
      return { id: link.id, role: link.role, expiresAt, path: `/share/${secret.token}`, token: secret.token };
    }),

  list: projectProcedure("owner").query(({ ctx }) =>
    ctx.db.shareLink.findMany({
      where: { projectId: ctx.projectId },
      select: { id: true, role: true, prefix: true, expiresAt: true, revokedAt: true, createdAt: true, uses: true },
      orderBy: { createdAt: "desc" },
    }),
  ),

  revoke: projectProcedure("owner")
    .input(z.object({ linkId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const { count } = await ctx.db.shareLink.updateMany({
        where: { id: input.linkId, projectId: ctx.projectId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "No active link with that id in this project." });
      return { id: input.linkId };
    }),

  preview: userProcedure.input(tokenInput).query(async ({ ctx, input }) => {
    const link = await findUsableShareLink(ctx.db, input.token);
    const membership = await ctx.db.membership.findUnique({
      where: { projectId_userId: { projectId: link.projectId, userId: ctx.userId } },
    });
    return { project: link.project, role: link.role, currentRole: membership?.role ?? null };
  }),

  /** Joins the project with the link's role; an existing higher role is kept, never lowered. */
  accept: userProcedure.input(tokenInput).mutation(async ({ ctx, input }) => {
    const link = await findUsableShareLink(ctx.db, input.token);
    const linkRole = parseRole(link.role);
    const key = { projectId_userId: { projectId: link.projectId, userId: ctx.userId } };
    const existing = await ctx.db.membership.findUnique({ where: key });
    if (existing && roleSatisfies(parseRole(existing.role), linkRole)) {
      return { projectId: link.projectId, role: existing.role };
    }
    await ctx.db.$transaction([
      ctx.db.membership.upsert({
        where: key,
        create: { projectId: link.projectId, userId: ctx.userId, role: linkRole },
        update: { role: linkRole },
      }),
      ctx.db.shareLink.update({ where: { id: link.id }, data: { uses: { increment: 1 } } }),
    ]);
    return { projectId: link.projectId, role: linkRole };
  }),
});
