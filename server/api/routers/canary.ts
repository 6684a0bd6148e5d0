import { z } from "zod";
import { defaultBlobStore } from "../../artifacts/defaultStore";
import { canaryCandidates, MAX_CANARY_PERCENT, promoteCanary, startCanary, stopCanary } from "../../deployments/canary";
import { compareCanary } from "../../deployments/canaryComparison";
import { userActor } from "../../registry/registryActor";
import { projectProcedure, router } from "../trpc";

const deploymentRef = z.object({ deploymentId: z.string().min(1) });

/** Canary releases: a share of an endpoint's traffic answered by another version, compared side by side, then promoted or aborted. */
export const canaryRouter = router({
  /** The versions an editor may canary, with how each would change the endpoint's contract. */
  candidates: projectProcedure("viewer")
    .input(deploymentRef)
    .query(({ ctx, input }) => canaryCandidates(ctx.db, ctx.projectId, input.deploymentId)),

  /** Sends `percent`% of requests to a registered version or an earlier served version (warmed first). */
  start: projectProcedure("editor")
    .input(
      deploymentRef
        .extend({
          registeredVersionId: z.string().min(1).optional(),
          modelVersionId: z.string().min(1).optional(),
          percent: z.number().int().min(1).max(MAX_CANARY_PERCENT).default(10),
          acceptContractChange: z.boolean().optional(),
        })
        .refine((input) => (input.registeredVersionId === undefined) !== (input.modelVersionId === undefined), {
          message: "Choose one version to canary: a registered version or a served one.",
          path: ["modelVersionId"],
        }),
    )
    .mutation(async ({ ctx, input }) => {
      const choice = input.registeredVersionId !== undefined ? { registeredVersionId: input.registeredVersionId } : { modelVersionId: input.modelVersionId! };
      return startCanary(ctx.db, defaultBlobStore(), {
        projectId: ctx.projectId,
        deploymentId: input.deploymentId,
        choice,
        percent: input.percent,
        acceptContractChange: input.acceptContractChange,
      });
    }),

  /** Aborts the canary: all traffic goes back to the current version. */
  stop: projectProcedure("editor")
    .input(deploymentRef)
    .mutation(({ ctx, input }) => stopCanary(ctx.db, ctx.projectId, input.deploymentId)),

  /** The canary becomes the current version (the replaced one is remembered for rollback); a followed alias moves with it. */
  promote: projectProcedure("editor")
    .input(deploymentRef.extend({ acceptContractChange: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) =>
      promoteCanary(ctx.db, defaultBlobStore(), {
        projectId: ctx.projectId,
        deploymentId: input.deploymentId,
        actor: await userActor(ctx.db, ctx.userId),
        acceptContractChange: input.acceptContractChange,
      }),
    ),

  /** Current and canary versions side by side: requests, error rate, latency p50/p95/p99, prediction distribution. */
  compare: projectProcedure("viewer")
    .input(
      deploymentRef.extend({
        windowMinutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(60),
      }),
    )
    .query(({ ctx, input }) => compareCanary(ctx.db, ctx.projectId, input.deploymentId, input.windowMinutes)),
});
