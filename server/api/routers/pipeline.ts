import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { defaultBlobStore } from "../../artifacts/defaultStore";
import type { Db } from "../../db";
import { projectDatasets } from "../../datasets/projectDatasets";
import { compileForSave } from "../../pipelines/compileForSave";
import { importPipelineDocument } from "../../pipelines/importPipeline";
import { ACTIVE_RUN_STATUSES } from "@/contracts/runStatus";
import { parseStoredGraph, storedGraphSchema } from "@/contracts/storedGraph";
import { saveDraft } from "../../pipelines/saveDraft";
import { projectProcedure, router } from "../trpc";
import { isUniqueViolation } from "../../db/uniqueViolation";

const pipelineName = z.string().trim().min(1, { message: "Give the pipeline a name." }).max(100);
const pipelineRef = z.object({ pipelineId: z.string().min(1) });

async function findPipeline(db: Db, projectId: string, pipelineId: string) {
  const pipeline = await db.pipeline.findFirst({ where: { id: pipelineId, projectId } });
  if (!pipeline) throw new TRPCError({ code: "NOT_FOUND", message: "Pipeline not found in this project." });
  return pipeline;
}

function latestVersion(db: Db, pipelineId: string) {
  return db.pipelineVersion.findFirst({
    where: { pipelineId },
    orderBy: { number: "desc" },
    include: { author: { select: { email: true, name: true } } },
  });
}

export const pipelineRouter = router({
  list: projectProcedure("viewer").query(async ({ ctx }) => {
    const pipelines = await ctx.db.pipeline.findMany({
      where: { projectId: ctx.projectId },
      orderBy: { updatedAt: "desc" },
      include: { versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, createdAt: true } } },
    });
    return pipelines.map(({ versions, ...p }) => ({ ...p, latestVersion: versions[0] ?? null }));
  }),

  create: projectProcedure("editor")
    .input(z.object({ name: pipelineName }))
    .mutation(({ ctx, input }) => ctx.db.pipeline.create({ data: { projectId: ctx.projectId, name: input.name }, select: { id: true, name: true } })),

  /**
   * A new pipeline from a pipeline file (a spec from "Export spec" or `vajra`, or a
   * canvas graph), saved as its version 1 in one transaction: a file that is not a
   * pipeline is refused and nothing is stored.
   */
  import: projectProcedure("editor")
    .input(z.object({ name: pipelineName, fileName: z.string().trim().min(1).max(200), document: z.unknown() }))
    .mutation(async ({ ctx, input }) => {
      const imported = importPipelineDocument(input.document);
      if (!imported.ok) throw new TRPCError({ code: "BAD_REQUEST", message: `${input.fileName}: ${imported.message}` });
      const compiled = await compileForSave(imported.graph, projectDatasets({ db: ctx.db, blobs: defaultBlobStore(), projectId: ctx.projectId }));
      const pipeline = await ctx.db.pipeline.create({
        data: {
          projectId: ctx.projectId,
          name: input.name,
          versions: {
            create: {
              number: 1,
              graph: JSON.stringify(imported.graph),
              spec: compiled.spec,
              specHash: compiled.specHash,
              authorId: ctx.userId,
              message: `Imported from ${input.fileName}`,
            },
          },
        },
        select: { id: true, name: true },
      });
      return { ...pipeline, nodes: imported.graph.nodes.length, compiled: compiled.spec !== null, diagnostics: compiled.diagnostics };
    }),

  rename: projectProcedure("editor")
    .input(pipelineRef.extend({ name: pipelineName }))
    .mutation(async ({ ctx, input }) => {
      await findPipeline(ctx.db, ctx.projectId, input.pipelineId);
      return ctx.db.pipeline.update({ where: { id: input.pipelineId }, data: { name: input.name }, select: { id: true, name: true } });
    }),

  /**
   * Deletes the pipeline with its versions, drafts and run history. Artifacts belong to
   * the project, so trained models, the cache and deployments serving them stay. A
   * pipeline with a queued or running server run is refused: its worker would write
   * into rows that no longer exist. (A browser tab closed mid-run leaves its run
   * "running" for good, so browser runs do not block.)
   */
  delete: projectProcedure("editor")
    .input(pipelineRef)
    .mutation(async ({ ctx, input }) => {
      const pipeline = await findPipeline(ctx.db, ctx.projectId, input.pipelineId);
      // One transaction, so a run enqueued between the check and the delete cannot slip through.
      await ctx.db.$transaction(async (tx) => {
        // FOR UPDATE conflicts with the key-share lock a new run's foreign key takes: a run being
        // created now either commits first (and is counted) or waits until the pipeline is gone.
        await tx.$queryRaw`SELECT 1 FROM "Pipeline" WHERE "id" = ${input.pipelineId} FOR UPDATE`;
        const active = await tx.run.count({ where: { pipelineId: input.pipelineId, target: "server", status: { in: [...ACTIVE_RUN_STATUSES] } } });
        if (active > 0) {
          throw new TRPCError({
            code: "PRECONDITION_FAILED",
            message: `"${pipeline.name}" has ${active === 1 ? "a run" : `${active} runs`} in progress. Cancel ${active === 1 ? "it" : "them"} on the Runs page, then delete.`,
          });
        }
        await tx.pipeline.delete({ where: { id: input.pipelineId } });
      });
      return { id: input.pipelineId };
    }),

  /** What the editor opens: the latest version and, for editors, their own unsaved draft. */
  open: projectProcedure("viewer")
    .input(pipelineRef)
    .query(async ({ ctx, input }) => {
      const pipeline = await findPipeline(ctx.db, ctx.projectId, input.pipelineId);
      const latest = await latestVersion(ctx.db, pipeline.id);
      const draft = await ctx.db.pipelineDraft.findUnique({
        where: { pipelineId_userId: { pipelineId: pipeline.id, userId: ctx.userId } },
      });
      return {
        pipeline: { id: pipeline.id, name: pipeline.name },
        role: ctx.role,
        latestVersion: latest && {
          id: latest.id,
          number: latest.number,
          message: latest.message,
          createdAt: latest.createdAt,
          author: latest.author,
          graph: parseStoredGraph(latest.graph),
        },
        draft: draft && {
          graph: parseStoredGraph(draft.graph),
          baseVersion: draft.baseVersionId
            ? await ctx.db.pipelineVersion.findUnique({ where: { id: draft.baseVersionId }, select: { id: true, number: true } })
            : null,
          updatedAt: draft.updatedAt,
        },
      };
    }),

  /** Autosaves this user's draft; with `expectedUpdatedAt`, refuses (CONFLICT) to overwrite a draft changed elsewhere. */
  saveDraft: projectProcedure("editor")
    .input(pipelineRef.extend({ graph: storedGraphSchema, baseVersionId: z.string().nullable(), expectedUpdatedAt: z.date().nullable().optional() }))
    .mutation(async ({ ctx, input }) => {
      await findPipeline(ctx.db, ctx.projectId, input.pipelineId);
      const updatedAt = await saveDraft(ctx.db, {
        pipelineId: input.pipelineId,
        userId: ctx.userId,
        graph: input.graph,
        baseVersionId: input.baseVersionId,
        ...(input.expectedUpdatedAt === undefined ? {} : { expectedUpdatedAt: input.expectedUpdatedAt }),
      });
      return { updatedAt };
    }),

  discardDraft: projectProcedure("editor")
    .input(pipelineRef)
    .mutation(async ({ ctx, input }) => {
      await findPipeline(ctx.db, ctx.projectId, input.pipelineId);
      await ctx.db.pipelineDraft.deleteMany({ where: { pipelineId: input.pipelineId, userId: ctx.userId } });
      return { pipelineId: input.pipelineId };
    }),

  /**
   * Saves an immutable version. `baseVersionId` is the version the editor started
   * from: if someone saved since, the save is refused with CONFLICT unless
   * `onTopOfLatest` is set, which keeps this work as a new version after theirs.
   */
  saveVersion: projectProcedure("editor")
    .input(
      pipelineRef.extend({
        graph: storedGraphSchema,
        message: z.string().trim().min(1, { message: "Describe what changed in this version." }).max(500),
        baseVersionId: z.string().nullable(),
        onTopOfLatest: z.boolean().default(false),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await findPipeline(ctx.db, ctx.projectId, input.pipelineId);
      const latest = await latestVersion(ctx.db, input.pipelineId);
      if ((latest?.id ?? null) !== input.baseVersionId && !input.onTopOfLatest) {
        const who = latest?.author.name || latest?.author.email || "Someone";
        throw new TRPCError({
          code: "CONFLICT",
          message: `${who} saved version ${latest?.number ?? "?"} ("${latest?.message ?? ""}") while you were editing. Save yours as a new version on top, or reload theirs.`,
        });
      }
      const compiled = await compileForSave(input.graph, projectDatasets({ db: ctx.db, blobs: defaultBlobStore(), projectId: ctx.projectId }));
      try {
        const version = await ctx.db.$transaction(async (tx) => {
          const created = await tx.pipelineVersion.create({
            data: {
              pipelineId: input.pipelineId,
              number: (latest?.number ?? 0) + 1,
              graph: JSON.stringify(input.graph),
              spec: compiled.spec,
              specHash: compiled.specHash,
              parentId: latest?.id ?? null,
              authorId: ctx.userId,
              message: input.message,
            },
          });
          await tx.pipelineDraft.deleteMany({ where: { pipelineId: input.pipelineId, userId: ctx.userId } });
          await tx.pipeline.update({ where: { id: input.pipelineId }, data: { updatedAt: new Date() } });
          return created;
        });
        return { id: version.id, number: version.number, compiled: compiled.spec !== null, diagnostics: compiled.diagnostics };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new TRPCError({ code: "CONFLICT", message: "Someone saved a version at the same moment. Try again." });
      }
    }),

  versions: projectProcedure("viewer")
    .input(pipelineRef)
    .query(async ({ ctx, input }) => {
      await findPipeline(ctx.db, ctx.projectId, input.pipelineId);
      return ctx.db.pipelineVersion.findMany({
        where: { pipelineId: input.pipelineId },
        orderBy: { number: "desc" },
        select: {
          id: true,
          number: true,
          message: true,
          createdAt: true,
          parentId: true,
          specHash: true,
          author: { select: { email: true, name: true } },
        },
      });
    }),

  version: projectProcedure("viewer")
    .input(z.object({ versionId: z.string().min(1) }))
    .query(async ({ ctx, input }) => {
      const version = await ctx.db.pipelineVersion.findFirst({
        where: { id: input.versionId, pipeline: { projectId: ctx.projectId } },
      });
      if (!version) throw new TRPCError({ code: "NOT_FOUND", message: "Pipeline version not found in this project." });
      return {
        id: version.id,
        pipelineId: version.pipelineId,
        number: version.number,
        message: version.message,
        graph: parseStoredGraph(version.graph),
        spec: version.spec === null ? null : (JSON.parse(version.spec) as unknown),
      };
    }),
});
