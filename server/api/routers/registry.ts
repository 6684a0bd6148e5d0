import { z } from "zod";
import { defaultBlobStore } from "../../artifacts/defaultStore";
import type { Db } from "../../db";
import { parseSignature } from "../../deployments/signature";
import { DomainError } from "../../errors/domainError";
import { moveAlias, previewAliasMove } from "../../registry/modelAliases";
import { registerModelVersion } from "../../registry/registerModelVersion";
import { aliasNameSchema, registeredModelNameSchema } from "../../registry/registeredModelNames";
import { userActor } from "../../registry/registryActor";
import { parseRegistryLineage } from "../../registry/registryLineage";
import { projectProcedure, router } from "../trpc";

const modelRef = z.object({ registeredModelId: z.string().min(1) });
const descriptionSchema = z.string().trim().max(2000, "Descriptions are at most 2,000 characters.");
/** How many alias moves the model page shows, newest first. */
const HISTORY_LIMIT = 200;

const metricsSchema = z.record(z.string(), z.number());
/** Metrics as stored at registration; a row written by older code that does not parse shows none rather than failing the page. */
function parseMetrics(json: string): Record<string, number> {
  const parsed = metricsSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : {};
}

async function requireModel(db: Db, projectId: string, registeredModelId: string) {
  const model = await db.registeredModel.findFirst({ where: { id: registeredModelId, projectId } });
  if (!model) throw new DomainError("notFound", "Registered model not found in this project.");
  return model;
}

interface ServingDeployment {
  id: string;
  name: string;
  slug: string;
  status: string;
  /** "current" serves all traffic not sent to a canary; "canary" gets the deployment's canary share. */
  role: "current" | "canary";
}

/** For each registered version, the project's deployments whose current (or canary) served copy was made from it. */
async function deploymentsServing(db: Db, projectId: string, registeredVersionIds: string[]): Promise<Map<string, ServingDeployment[]>> {
  const copies = await db.modelVersion.findMany({
    where: { registeredVersionId: { in: registeredVersionIds } },
    select: { id: true, registeredVersionId: true },
  });
  const registeredOf = new Map(copies.map((c) => [c.id, c.registeredVersionId!]));
  const copyIds = [...registeredOf.keys()];
  const deployments = await db.deployment.findMany({
    where: { projectId, OR: [{ currentVersionId: { in: copyIds } }, { canaryVersionId: { in: copyIds } }] },
    orderBy: { name: "asc" },
    select: { id: true, name: true, slug: true, status: true, currentVersionId: true, canaryVersionId: true },
  });
  const serving = new Map<string, ServingDeployment[]>();
  const add = (copyId: string | null, deployment: (typeof deployments)[number], role: ServingDeployment["role"]) => {
    const registeredId = copyId === null ? undefined : registeredOf.get(copyId);
    if (registeredId === undefined) return;
    const { id, name, slug, status } = deployment;
    serving.set(registeredId, [...(serving.get(registeredId) ?? []), { id, name, slug, status, role }]);
  };
  for (const d of deployments) {
    add(d.currentVersionId, d, "current");
    add(d.canaryVersionId, d, "canary");
  }
  return serving;
}

export const registryRouter = router({
  /** The project's registered models, most recently changed first, with their latest version and aliases. */
  list: projectProcedure("viewer").query(async ({ ctx }) => {
    const models = await ctx.db.registeredModel.findMany({
      where: { projectId: ctx.projectId },
      orderBy: { updatedAt: "desc" },
      include: {
        _count: { select: { versions: true } },
        versions: { orderBy: { number: "desc" }, take: 1, select: { id: true, number: true, metrics: true, createdAt: true } },
        aliases: { orderBy: { name: "asc" }, select: { name: true, version: { select: { id: true, number: true } } } },
      },
    });
    return models.map((m) => {
      const latest = m.versions[0];
      return {
        id: m.id,
        name: m.name,
        description: m.description,
        updatedAt: m.updatedAt,
        versionCount: m._count.versions,
        latest: latest ? { id: latest.id, number: latest.number, createdAt: latest.createdAt, metrics: parseMetrics(latest.metrics) } : null,
        aliases: m.aliases.map((a) => ({ name: a.name, versionId: a.version.id, versionNumber: a.version.number })),
      };
    });
  }),

  /** One model: its versions newest first (metrics, signature, lineage, serving deployments), aliases and their history. */
  get: projectProcedure("viewer")
    .input(modelRef)
    .query(async ({ ctx, input }) => {
      await requireModel(ctx.db, ctx.projectId, input.registeredModelId);
      const model = await ctx.db.registeredModel.findUniqueOrThrow({
        where: { id: input.registeredModelId },
        include: {
          versions: { orderBy: { number: "desc" } },
          aliases: { orderBy: { name: "asc" } },
          aliasMoves: { orderBy: { createdAt: "desc" }, take: HISTORY_LIMIT },
          deployments: { where: { servedAlias: { not: null } }, orderBy: { name: "asc" }, select: { id: true, name: true, servedAlias: true } },
        },
      });
      const numberOf = new Map(model.versions.map((v) => [v.id, v.number]));
      const lineages = new Map(model.versions.map((v) => [v.id, parseRegistryLineage(v.lineage)]));
      // Lineage outlives runs and pipelines; the page links only to those that still exist.
      const [liveRuns, livePipelines] = await Promise.all([
        ctx.db.run.findMany({
          where: { projectId: ctx.projectId, id: { in: [...lineages.values()].flatMap((l) => (l?.runId ? [l.runId] : [])) } },
          select: { id: true },
        }),
        ctx.db.pipeline.findMany({
          where: { projectId: ctx.projectId, id: { in: [...lineages.values()].flatMap((l) => (l?.pipelineId ? [l.pipelineId] : [])) } },
          select: { id: true },
        }),
      ]);
      const runExists = new Set(liveRuns.map((r) => r.id));
      const pipelineExists = new Set(livePipelines.map((p) => p.id));
      const serving = await deploymentsServing(
        ctx.db,
        ctx.projectId,
        model.versions.map((v) => v.id),
      );
      return {
        id: model.id,
        name: model.name,
        description: model.description,
        createdAt: model.createdAt,
        updatedAt: model.updatedAt,
        versions: model.versions.map((v) => ({
          id: v.id,
          number: v.number,
          artifactId: v.artifactId,
          description: v.description,
          createdAt: v.createdAt,
          createdBy: v.createdByLabel,
          metrics: parseMetrics(v.metrics),
          signature: parseSignature(v.signature),
          lineage: lineages.get(v.id) ?? null,
          runExists: runExists.has(lineages.get(v.id)?.runId ?? ""),
          pipelineExists: pipelineExists.has(lineages.get(v.id)?.pipelineId ?? ""),
          aliases: model.aliases.filter((a) => a.versionId === v.id).map((a) => a.name),
          deployments: serving.get(v.id) ?? [],
        })),
        aliases: model.aliases.map((a) => ({
          name: a.name,
          versionId: a.versionId,
          versionNumber: numberOf.get(a.versionId) ?? null,
          updatedAt: a.updatedAt,
          following: model.deployments.filter((d) => d.servedAlias === a.name).map((d) => ({ id: d.id, name: d.name })),
        })),
        history: model.aliasMoves.map((m) => ({
          id: m.id,
          alias: m.alias,
          fromVersionNumber: m.fromVersionId === null ? null : (numberOf.get(m.fromVersionId) ?? null),
          toVersionNumber: m.toVersionId === null ? null : (numberOf.get(m.toVersionId) ?? null),
          actor: m.actorLabel,
          reason: m.reason,
          createdAt: m.createdAt,
        })),
      };
    }),

  /** Registers a Model artifact as the next version of the named model (the same artifact again returns its version). */
  register: projectProcedure("editor")
    .input(z.object({ artifactId: z.string().min(1), modelName: registeredModelNameSchema, description: descriptionSchema.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { registeredModel, version, created } = await registerModelVersion(ctx.db, defaultBlobStore(), {
        projectId: ctx.projectId,
        modelName: input.modelName,
        artifactId: input.artifactId,
        description: input.description,
        actor: await userActor(ctx.db, ctx.userId),
      });
      return { registeredModelId: registeredModel.id, modelName: registeredModel.name, versionId: version.id, number: version.number, created };
    }),

  /** Replaces the description of a model, or of one of its versions when versionId is given. */
  setDescription: projectProcedure("editor")
    .input(modelRef.extend({ versionId: z.string().min(1).optional(), description: descriptionSchema }))
    .mutation(async ({ ctx, input }) => {
      await requireModel(ctx.db, ctx.projectId, input.registeredModelId);
      if (input.versionId === undefined) {
        await ctx.db.registeredModel.update({ where: { id: input.registeredModelId }, data: { description: input.description } });
      } else {
        const updated = await ctx.db.registeredModelVersion.updateMany({
          where: { id: input.versionId, registeredModelId: input.registeredModelId },
          data: { description: input.description },
        });
        if (updated.count === 0) throw new DomainError("notFound", "That version does not belong to this model.");
      }
      return { registeredModelId: input.registeredModelId, versionId: input.versionId ?? null, description: input.description };
    }),

  /** What moving an alias would do, for the confirmation: from and to which version, the endpoints that follow it, contract changes. */
  previewAliasMove: projectProcedure("editor")
    .input(modelRef.extend({ alias: aliasNameSchema, versionId: z.string().min(1).nullable() }))
    .query(async ({ ctx, input }) => {
      const preview = await previewAliasMove(ctx.db, { ...input, projectId: ctx.projectId });
      const numbers = await ctx.db.registeredModelVersion.findMany({
        where: { id: { in: [preview.fromVersionId, preview.toVersionId].filter((id) => id !== null) } },
        select: { id: true, number: true },
      });
      const numberOf = (id: string | null) => (id === null ? null : (numbers.find((n) => n.id === id)?.number ?? null));
      return { ...preview, fromVersionNumber: numberOf(preview.fromVersionId), toVersionNumber: numberOf(preview.toVersionId) };
    }),

  /**
   * Points an alias at a version (versionId null removes it) and records who moved it and why.
   * Endpoints following the alias switch too; one whose inputs would change is refused (CONFLICT,
   * differences listed) unless acceptContractChange is set.
   */
  moveAlias: projectProcedure("editor")
    .input(
      modelRef.extend({
        alias: aliasNameSchema,
        versionId: z.string().min(1).nullable(),
        reason: z.string().trim().max(500, "Reasons are at most 500 characters.").optional(),
        acceptContractChange: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const moved = await moveAlias(ctx.db, defaultBlobStore(), { ...input, projectId: ctx.projectId, actor: await userActor(ctx.db, ctx.userId) });
      return { alias: moved.alias, fromVersionId: moved.fromVersionId, toVersionId: moved.toVersionId, deployments: moved.deployments };
    }),

  /** The registered versions made from a Model artifact, so runs and artifact pages can link to them. */
  versionsForArtifact: projectProcedure("viewer")
    .input(z.object({ artifactId: z.string().min(1) }))
    .query(async ({ ctx, input }) => {
      const versions = await ctx.db.registeredModelVersion.findMany({
        where: { artifactId: input.artifactId, registeredModel: { projectId: ctx.projectId } },
        orderBy: [{ registeredModel: { name: "asc" } }, { number: "asc" }],
        select: { id: true, number: true, registeredModel: { select: { id: true, name: true } } },
      });
      return versions.map((v) => ({ versionId: v.id, number: v.number, registeredModelId: v.registeredModel.id, modelName: v.registeredModel.name }));
    }),
});
