import { z } from "zod";
import { projectProcedure, router } from "../trpc";

const id = z.string().min(1).max(200).optional();

/** Names for the breadcrumb trail of a project page; anything not in this project is left out rather than named. */
export const navigationRouter = router({
  trail: projectProcedure("viewer")
    .input(z.object({ pipelineId: id, runId: id, deploymentId: id, notebookId: id, artifactId: id, registeredModelId: id, datasetId: id, labelingQueueId: id }))
    .query(async ({ ctx, input }) => {
      const { db, projectId } = ctx;
      const [project, pipeline, run, deployment, notebook, artifact, model, dataset, labelingQueue] = await Promise.all([
        db.project.findUniqueOrThrow({ where: { id: projectId }, select: { id: true, name: true } }),
        input.pipelineId ? db.pipeline.findFirst({ where: { id: input.pipelineId, projectId }, select: { id: true, name: true } }) : null,
        input.runId
          ? db.run.findFirst({
              where: { id: input.runId, projectId },
              select: { id: true, createdAt: true, pipelineVersion: { select: { number: true, pipeline: { select: { id: true, name: true } } } } },
            })
          : null,
        input.deploymentId ? db.deployment.findFirst({ where: { id: input.deploymentId, projectId }, select: { id: true, name: true } }) : null,
        input.notebookId ? db.notebook.findFirst({ where: { id: input.notebookId, projectId }, select: { id: true, name: true } }) : null,
        input.artifactId
          ? db.artifact.findFirst({
              where: { id: input.artifactId, projectId },
              select: { id: true, nodeId: true, port: true, producedBy: { select: { runId: true } } },
            })
          : null,
        input.registeredModelId ? db.registeredModel.findFirst({ where: { id: input.registeredModelId, projectId }, select: { id: true, name: true } }) : null,
        input.datasetId ? db.dataset.findFirst({ where: { id: input.datasetId, projectId }, select: { id: true, name: true } }) : null,
        input.labelingQueueId ? db.labelingQueue.findFirst({ where: { id: input.labelingQueueId, projectId }, select: { id: true, name: true } }) : null,
      ]);
      return {
        project,
        pipeline,
        run: run && { id: run.id, createdAt: run.createdAt, version: run.pipelineVersion.number, pipeline: run.pipelineVersion.pipeline },
        deployment,
        notebook,
        artifact: artifact && { id: artifact.id, nodeId: artifact.nodeId, port: artifact.port, runId: artifact.producedBy?.runId ?? null },
        model,
        dataset,
        labelingQueue,
      };
    }),
});
