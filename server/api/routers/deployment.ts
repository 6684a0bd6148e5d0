import { flushRequestLogs } from "../../deployments/requestLog";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { defaultBlobStore } from "../../artifacts/defaultStore";
import type { Db } from "../../db";
import { rotateDeploymentKey } from "../../deployments/deploymentKeys";
import { slugFor } from "../../deployments/deploymentSlug";
import { notifyEndpointChanged } from "../../deployments/endpointChanges";
import { deploymentLimitsSchema } from "../../deployments/deploymentLimits";
import { deploymentInclude, deploymentView, endpointPath, findDeployment } from "../../deployments/deploymentViews";
import { featureDrift } from "../../deployments/drift";
import { createModelVersion } from "../../deployments/modelVersions";
import { deploymentStats } from "../../deployments/stats";
import { parseTrainingProfile } from "../../deployments/trainingProfile";
import { projectProcedure, router } from "../trpc";

const deploymentRef = z.object({ deploymentId: z.string().min(1) });
/** Recent served instances compared with training for drift. */
const DRIFT_WINDOW = 1000;

async function requireDeployment(db: Db, projectId: string, deploymentId: string) {
  const row = await findDeployment(db, projectId, deploymentId);
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "Deployment not found in this project." });
  return row;
}

/** Makes `versionId` current and remembers the one it replaces, in one update so requests see one or the other. */
async function switchTo(db: Db, deployment: { id: string; currentVersionId: string | null }, versionId: string) {
  await db.deployment.update({ where: { id: deployment.id }, data: { currentVersionId: versionId, previousVersionId: deployment.currentVersionId } });
  await notifyEndpointChanged(db, deployment.id);
}

export const deploymentRouter = router({
  /** Deploys a Model artifact as a new endpoint; the API key is returned here only. */
  create: projectProcedure("editor")
    .input(z.object({ artifactId: z.string().min(1), name: z.string().trim().min(1).max(80).optional(), limits: deploymentLimitsSchema.partial().optional() }))
    .mutation(async ({ ctx, input }) => {
      const artifact = await ctx.db.artifact.findFirst({
        where: { id: input.artifactId, projectId: ctx.projectId },
        include: { producedBy: { select: { nodeId: true } } },
      });
      if (!artifact) throw new TRPCError({ code: "NOT_FOUND", message: "Model artifact not found in this project." });
      const name = input.name ?? `${artifact.nodeId} model`;
      const deployment = await ctx.db.deployment.create({ data: { projectId: ctx.projectId, name, slug: slugFor(name), ...input.limits } });
      try {
        const version = await createModelVersion(ctx.db, defaultBlobStore(), {
          projectId: ctx.projectId,
          deploymentId: deployment.id,
          artifactId: artifact.id,
        });
        await switchTo(ctx.db, { id: deployment.id, currentVersionId: null }, version.id);
      } catch (error) {
        await ctx.db.deployment.delete({ where: { id: deployment.id } });
        throw error;
      }
      const { key } = await rotateDeploymentKey(ctx.db, deployment.id);
      return { id: deployment.id, slug: deployment.slug, path: endpointPath(deployment.slug), key };
    }),

  list: projectProcedure("viewer").query(async ({ ctx }) => {
    const rows = await ctx.db.deployment.findMany({ where: { projectId: ctx.projectId }, orderBy: { createdAt: "desc" }, include: deploymentInclude });
    return rows.map(deploymentView);
  }),

  get: projectProcedure("viewer")
    .input(deploymentRef)
    .query(async ({ ctx, input }) => deploymentView(await requireDeployment(ctx.db, ctx.projectId, input.deploymentId))),

  /** Deploys another Model artifact as the next version and switches traffic to it (warm before the switch). */
  promote: projectProcedure("editor")
    .input(deploymentRef.extend({ artifactId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      await requireDeployment(ctx.db, ctx.projectId, input.deploymentId);
      const version = await createModelVersion(ctx.db, defaultBlobStore(), {
        projectId: ctx.projectId,
        deploymentId: input.deploymentId,
        artifactId: input.artifactId,
      });
      // Re-read: the current version may have changed while the new model loaded.
      await switchTo(ctx.db, await requireDeployment(ctx.db, ctx.projectId, input.deploymentId), version.id);
      return deploymentView(await requireDeployment(ctx.db, ctx.projectId, input.deploymentId));
    }),

  /** Serves the previous version again; the version it replaces becomes "previous", so rolling back twice rolls forward. */
  rollback: projectProcedure("editor")
    .input(deploymentRef)
    .mutation(async ({ ctx, input }) => {
      const deployment = await requireDeployment(ctx.db, ctx.projectId, input.deploymentId);
      if (deployment.previousVersionId === null) throw new TRPCError({ code: "BAD_REQUEST", message: "There is no previous version to roll back to." });
      await switchTo(ctx.db, deployment, deployment.previousVersionId);
      return deploymentView(await requireDeployment(ctx.db, ctx.projectId, input.deploymentId));
    }),

  /** Serves any earlier or later version of this deployment. */
  activate: projectProcedure("editor")
    .input(deploymentRef.extend({ versionId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const deployment = await requireDeployment(ctx.db, ctx.projectId, input.deploymentId);
      if (!deployment.versions.some((v) => v.id === input.versionId))
        throw new TRPCError({ code: "NOT_FOUND", message: "Version not found in this deployment." });
      if (deployment.currentVersionId !== input.versionId) await switchTo(ctx.db, deployment, input.versionId);
      return deploymentView(await requireDeployment(ctx.db, ctx.projectId, input.deploymentId));
    }),

  setStatus: projectProcedure("editor")
    .input(deploymentRef.extend({ status: z.enum(["active", "stopped"]) }))
    .mutation(async ({ ctx, input }) => {
      await requireDeployment(ctx.db, ctx.projectId, input.deploymentId);
      await ctx.db.deployment.update({ where: { id: input.deploymentId }, data: { status: input.status } });
      await notifyEndpointChanged(ctx.db, input.deploymentId);
      return deploymentView(await requireDeployment(ctx.db, ctx.projectId, input.deploymentId));
    }),

  /** A public endpoint answers without a key (still rate limited, per endpoint). */
  setPublic: projectProcedure("owner")
    .input(deploymentRef.extend({ public: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await requireDeployment(ctx.db, ctx.projectId, input.deploymentId);
      await ctx.db.deployment.update({ where: { id: input.deploymentId }, data: { public: input.public } });
      await notifyEndpointChanged(ctx.db, input.deploymentId);
      return deploymentView(await requireDeployment(ctx.db, ctx.projectId, input.deploymentId));
    }),

  setLimits: projectProcedure("editor")
    .input(deploymentRef.extend({ limits: deploymentLimitsSchema.partial() }))
    .mutation(async ({ ctx, input }) => {
      await requireDeployment(ctx.db, ctx.projectId, input.deploymentId);
      await ctx.db.deployment.update({ where: { id: input.deploymentId }, data: input.limits });
      await notifyEndpointChanged(ctx.db, input.deploymentId);
      return deploymentView(await requireDeployment(ctx.db, ctx.projectId, input.deploymentId));
    }),

  /** Replaces the key (the old one stops working at once); the new key is returned here only. */
  rotateKey: projectProcedure("editor")
    .input(deploymentRef)
    .mutation(async ({ ctx, input }) => {
      await requireDeployment(ctx.db, ctx.projectId, input.deploymentId);
      return rotateDeploymentKey(ctx.db, input.deploymentId);
    }),

  stats: projectProcedure("viewer")
    .input(
      deploymentRef.extend({
        windowMinutes: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 60)
          .default(60),
        buckets: z.number().int().min(1).max(120).default(12),
      }),
    )
    .query(async ({ ctx, input }) => {
      await requireDeployment(ctx.db, ctx.projectId, input.deploymentId);
      return deploymentStats(ctx.db, input.deploymentId, input.windowMinutes, input.buckets);
    }),

  /** Per feature: KS (numeric) or PSI (categorical) of recent served inputs against the current version's training data. */
  drift: projectProcedure("viewer")
    .input(deploymentRef)
    .query(async ({ ctx, input }) => {
      const deployment = await requireDeployment(ctx.db, ctx.projectId, input.deploymentId);
      const version = deployment.versions.find((v) => v.id === deployment.currentVersionId);
      if (!version) return { versionNumber: null, samples: 0, features: [] };
      await flushRequestLogs(ctx.db);
      const samples = await ctx.db.inputSample.findMany({
        where: { deploymentId: deployment.id },
        orderBy: { createdAt: "desc" },
        take: DRIFT_WINDOW,
        select: { features: true },
      });
      const recent = samples.map((s) => JSON.parse(s.features) as Record<string, unknown>);
      return { versionNumber: version.number, samples: recent.length, features: featureDrift(parseTrainingProfile(version.trainingProfile), recent) };
    }),

  /** The project's Model artifacts, newest first, for deploying or promoting. */
  models: projectProcedure("viewer").query(async ({ ctx }) => {
    const rows = await ctx.db.artifact.findMany({
      where: { projectId: ctx.projectId, portType: "Model" },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, nodeId: true, createdAt: true, producedBy: { select: { runId: true } } },
    });
    return rows.map((r) => ({ id: r.id, nodeId: r.nodeId, createdAt: r.createdAt, runId: r.producedBy?.runId ?? null }));
  }),
});
