import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Db } from "../../db";
import { roleSchema } from "@/contracts/projectRoles";
import { projectProcedure, router } from "../trpc";

/** A project must always keep an owner, or nobody could manage it again. */
async function assertAnotherOwnerRemains(db: Db, projectId: string, leavingUserId: string) {
  const otherOwners = await db.membership.count({
    where: { projectId, role: "owner", userId: { not: leavingUserId } },
  });
  if (otherOwners === 0) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "A project needs at least one owner. Make someone else an owner first.",
    });
  }
}

async function findMember(db: Db, projectId: string, userId: string) {
  const membership = await db.membership.findUnique({ where: { projectId_userId: { projectId, userId } } });
  if (!membership) throw new TRPCError({ code: "NOT_FOUND", message: "That person is not a member of this project." });
  return membership;
}

export const memberRouter = router({
  list: projectProcedure("viewer").query(async ({ ctx }) => {
    const members = await ctx.db.membership.findMany({
      where: { projectId: ctx.projectId },
      include: { user: { select: { id: true, email: true, name: true } } },
      orderBy: { createdAt: "asc" },
    });
    return members.map((m) => ({ userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role, joinedAt: m.createdAt }));
  }),

  setRole: projectProcedure("owner")
    .input(z.object({ userId: z.string().min(1), role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      const membership = await findMember(ctx.db, ctx.projectId, input.userId);
      if (membership.role === "owner" && input.role !== "owner") {
        await assertAnotherOwnerRemains(ctx.db, ctx.projectId, input.userId);
      }
      await ctx.db.membership.update({ where: { id: membership.id }, data: { role: input.role } });
      return { userId: input.userId, role: input.role };
    }),

  remove: projectProcedure("owner")
    .input(z.object({ userId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const membership = await findMember(ctx.db, ctx.projectId, input.userId);
      if (membership.role === "owner") await assertAnotherOwnerRemains(ctx.db, ctx.projectId, input.userId);
      await ctx.db.membership.delete({ where: { id: membership.id } });
      return { userId: input.userId };
    }),
});
