import { z } from "zod";
import { projectProcedure, router, userProcedure } from "../trpc";
import { notifyEndpointChanged } from "../../deployments/endpointChanges";

const projectName = z.string().trim().min(1, { message: "Give the project a name." }).max(100, {
  message: "Project names are limited to 100 characters.",
});

export const projectRouter = router({
  list: userProcedure.query(async ({ ctx }) => {
    const memberships = await ctx.db.membership.findMany({
      where: { userId: ctx.userId },
      include: { project: { include: { _count: { select: { memberships: true } } } } },
      orderBy: { project: { updatedAt: "desc" } },
    });
    return memberships.map(({ role, project }) => ({
      id: project.id,
      name: project.name,
      description: project.description,
      updatedAt: project.updatedAt,
      role,
      memberCount: project._count.memberships,
    }));
  }),

  create: userProcedure.input(z.object({ name: projectName, description: z.string().max(2000).default("") })).mutation(({ ctx, input }) =>
    ctx.db.project.create({
      data: { ...input, memberships: { create: { userId: ctx.userId, role: "owner" } } },
      select: { id: true, name: true, description: true },
    }),
  ),

  get: projectProcedure("viewer").query(async ({ ctx }) => {
    const project = await ctx.db.project.findUniqueOrThrow({ where: { id: ctx.projectId } });
    return { ...project, role: ctx.role };
  }),

  update: projectProcedure("editor")
    .input(z.object({ name: projectName.optional(), description: z.string().max(2000).optional() }))
    .mutation(({ ctx, input }) =>
      ctx.db.project.update({
        where: { id: ctx.projectId },
        data: { name: input.name, description: input.description },
        select: { id: true, name: true, description: true },
      }),
    ),

  delete: projectProcedure("owner").mutation(async ({ ctx }) => {
    const deployments = await ctx.db.deployment.findMany({ where: { projectId: ctx.projectId }, select: { id: true } });
    await ctx.db.project.delete({ where: { id: ctx.projectId } });
    // Their endpoints stop answering in every web process now, not when cached copies expire.
    for (const { id } of deployments) await notifyEndpointChanged(ctx.db, id);
    return { id: ctx.projectId };
  }),
});
