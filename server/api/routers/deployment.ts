import { flushRequestLogs } from "../../deployments/requestLog";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { defaultBlobStore } from "../../artifacts/defaultStore";
import type { Db } from "../../db";
import { rotateDeploymentKey } from "../../deployments/deploymentKeys";
import { notifyEndpointChanged } from "../../deployments/endpointChanges";
import { deploymentLimitsSchema } from "../../deployments/deploymentLimits";
import { createDeployment, suggestedModelName } from "../../deployments/createDeployment";
import { deployableModels } from "../../deployments/deployableModels";
import { deploymentSummaries, endpointsServing } from "../../deployments/deploymentSummaries";
import { deploymentView, findDeployment, findDeployments } from "../../deployments/deploymentViews";
import { previewPromote, promoteDeployment, serveOwnVersion, type PromoteTarget } from "../../deployments/promoteDeployment";
import { registeredModelNameSchema } from "../../registry/registeredModelNames";
import { userActor } from "../../registry/registryActor";
import { featureDrift } from "../../deployments/drift";
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

const acceptContractChange = z.boolean().default(false);

function targetOf(input: { registeredVersionId: string } | { artifactId: string }): PromoteTarget {
  return "registeredVersionId" in input ? { registeredVersionId: input.registeredVersionId } : { artifactId: input.artifactId };
}
/** A promote's target: a registered version, or a Model artifact (registered under the endpoint's model first). */
const promoteTarget = z.union([z.object({ registeredVersionId: z.string().min(1) }), z.object({ artifactId: z.string().min(1) })]);
/** What a new endpoint serves: a registered model's alias, a pinned registered version, or a Model artifact registered first. */
const deploymentSource = z.union([
  z.object({ registeredModelId: z.string().min(1), alias: z.string().min(1) }),
  z.object({ registeredVersionId: z.string().min(1) }),
  z.object({ artifactId: z.string().min(1), modelName: registeredModelNameSchema.optional() }),
]);

export const deploymentRouter = router({
  /** Deploys a registered model's alias, a registered version, or a Model artifact as a new endpoint; the API key is returned here only. */
  create: projectProcedure("editor")
    .input(z.object({ name: z.string().trim().min(1).max(80).optional(), limits: deploymentLimitsSchema.partial().optional() }).and(deploymentSource))
    .mutation(async ({ ctx, input }) => {
      const { name, limits, projectId: _, ...source } = input;
      return createDeployment(ctx.db, defaultBlobStore(), { projectId: ctx.projectId, source, name, limits, actor: await userActor(ctx.db, ctx.userId) });
    }),

  /** The endpoints that already serve a model (an artifact's registered model, or a registered model), so Deploy can offer them first. */
  existingFor: projectProcedure("viewer")
    .input(z.union([z.object({ artifactId: z.string().min(1) }), z.object({ registeredModelId: z.string().min(1) })]))
    .query(async ({ ctx, input }) => ({
      endpoints: await endpointsServing(
        ctx.db,
        ctx.projectId,
        "artifactId" in input ? { artifactId: input.artifactId } : { registeredModelId: input.registeredModelId },
      ),
      suggestedModelName: "artifactId" in input ? await suggestedModelName(ctx.db, ctx.projectId, input.artifactId) : null,
    })),

  /** Per deployment: status, what it serves, and requests and errors in the last hour, for the project page. */
  summary: projectProcedure("viewer").query(({ ctx }) => deploymentSummaries(ctx.db, ctx.projectId)),

  /** Renames the endpoint; its URL (slug) stays, so clients keep working. */
  rename: projectProcedure("editor")
    .input(deploymentRef.extend({ name: z.string().trim().min(1, "Give the endpoint a name.").max(80, "Endpoint names are at most 80 characters.") }))
    .mutation(async ({ ctx, input }) => {
      await requireDeployment(ctx.db, ctx.projectId, input.deploymentId);
      await ctx.db.deployment.update({ where: { id: input.deploymentId }, data: { name: input.name } });
      return deploymentView(await requireDeployment(ctx.db, ctx.projectId, input.deploymentId));
    }),

  list: projectProcedure("viewer").query(async ({ ctx }) => {
    return (await findDeployments(ctx.db, ctx.projectId)).map(deploymentView);
  }),

  get: projectProcedure("viewer")
    .input(deploymentRef)
    .query(async ({ ctx, input }) => deploymentView(await requireDeployment(ctx.db, ctx.projectId, input.deploymentId))),

  /** What promoting a model here would do: the endpoints it switches (all that follow the alias) and how their contract would change. */
  promotePreview: projectProcedure("editor")
    .input(deploymentRef.and(promoteTarget))
    .query(async ({ ctx, input }) => previewPromote(ctx.db, defaultBlobStore(), ctx.projectId, input.deploymentId, targetOf(input))),

  /**
   * Serves another model (warmed before the switch). On an endpoint that follows an alias this moves
   * the alias; on a pinned one it pins the new version. A model with other inputs or outputs is
   * refused (CONFLICT, listing the differences) unless `acceptContractChange`.
   */
  promote: projectProcedure("editor")
    .input(deploymentRef.extend({ acceptContractChange }).and(promoteTarget))
    .mutation(async ({ ctx, input }) => {
      const actor = await userActor(ctx.db, ctx.userId);
      await promoteDeployment(ctx.db, defaultBlobStore(), {
        projectId: ctx.projectId,
        deploymentId: input.deploymentId,
        target: targetOf(input),
        acceptContractChange: input.acceptContractChange,
        actor,
      });
      return deploymentView(await requireDeployment(ctx.db, ctx.projectId, input.deploymentId));
    }),

  /** Serves the previous version again; the version it replaces becomes "previous", so rolling back twice rolls forward. */
  rollback: projectProcedure("editor")
    .input(deploymentRef.extend({ acceptContractChange }))
    .mutation(async ({ ctx, input }) => {
      const deployment = await requireDeployment(ctx.db, ctx.projectId, input.deploymentId);
      if (deployment.previousVersionId === null) throw new TRPCError({ code: "BAD_REQUEST", message: "There is no previous version to roll back to." });
      await serveOwnVersion(ctx.db, { ...input, projectId: ctx.projectId, versionId: deployment.previousVersionId });
      return deploymentView(await requireDeployment(ctx.db, ctx.projectId, input.deploymentId));
    }),

  /** Serves any earlier or later version of this deployment. */
  activate: projectProcedure("editor")
    .input(deploymentRef.extend({ versionId: z.string().min(1), acceptContractChange }))
    .mutation(async ({ ctx, input }) => {
      await serveOwnVersion(ctx.db, { ...input, projectId: ctx.projectId });
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

  /** Registered models with their versions and aliases, then unregistered Model artifacts, for deploying or promoting. */
  models: projectProcedure("viewer").query(({ ctx }) => deployableModels(ctx.db, ctx.projectId)),
});
