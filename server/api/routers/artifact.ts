import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { defaultBlobStore } from "../../artifacts/defaultStore";
import { artifactLineage } from "../../artifacts/lineage";
import { readArtifactPreview } from "../../artifacts/artifactPreview";
import { projectProcedure, router } from "../trpc";

export const artifactRouter = router({
  /** Which data, code version and params produced an artifact, and everything upstream of it. */
  lineage: projectProcedure("viewer")
    .input(z.object({ artifactId: z.string().min(1) }))
    .query(async ({ ctx, input }) => {
      const lineage = await artifactLineage(ctx.db, ctx.projectId, input.artifactId);
      if (!lineage) throw new TRPCError({ code: "NOT_FOUND", message: "Artifact not found in this project." });
      return lineage;
    }),
  /** A stored artifact summarised for display (null for models and deployments), e.g. a tuner's trials after a run. */
  preview: projectProcedure("viewer")
    .input(z.object({ artifactId: z.string().min(1) }))
    .query(async ({ ctx, input }) => {
      const result = await readArtifactPreview(ctx.db, defaultBlobStore(), ctx.projectId, input.artifactId);
      if (!result.found) throw new TRPCError({ code: "NOT_FOUND", message: "Artifact not found in this project." });
      return { portType: result.portType, preview: result.preview };
    }),
});
