import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { artifactLineage } from "../../artifacts/lineage";
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
});
