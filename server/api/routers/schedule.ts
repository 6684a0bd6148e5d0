import { z } from "zod";
import { cronExpressionSchema, missedPolicySchema, scheduleDefinitionSchema, timeZoneSchema } from "@/contracts/schedules";
import { createSchedule, requireSchedule, setPaused, updateCronSchedule } from "../../schedules/pipelineSchedules";
import { failingScheduledRuns, pipelineSchedules } from "../../schedules/scheduleViews";
import { projectProcedure, router } from "../trpc";

const scheduleRef = z.object({ scheduleId: z.string().min(1) });

/** Schedules and dataset triggers of pipelines: anyone in the project sees them, editors change them. */
export const scheduleRouter = router({
  /** A pipeline's schedules with their next slot and latest runs, and its scheduled runs (newest first). */
  list: projectProcedure("viewer")
    .input(z.object({ pipelineId: z.string().min(1) }))
    .query(({ ctx, input }) => pipelineSchedules(ctx.db, ctx.projectId, input.pipelineId)),

  /** A cron schedule ("0 6 * * 1" in Europe/Berlin) or a dataset trigger; runs are authored by the editor who adds it. */
  create: projectProcedure("editor")
    .input(z.object({ pipelineId: z.string().min(1), schedule: scheduleDefinitionSchema }))
    .mutation(async ({ ctx, input }) => {
      const created = await createSchedule(ctx.db, { projectId: ctx.projectId, pipelineId: input.pipelineId, userId: ctx.userId, definition: input.schedule });
      return { id: created.id, nextRunAt: created.nextRunAt };
    }),

  update: projectProcedure("editor")
    .input(scheduleRef.extend({ cron: cronExpressionSchema, timeZone: timeZoneSchema, missedPolicy: missedPolicySchema }))
    .mutation(async ({ ctx, input }) => {
      const { scheduleId, ...change } = input;
      const updated = await updateCronSchedule(ctx.db, ctx.projectId, scheduleId, change, ctx.userId);
      return { id: updated.id, nextRunAt: updated.nextRunAt };
    }),

  pause: projectProcedure("editor")
    .input(scheduleRef)
    .mutation(async ({ ctx, input }) => {
      const updated = await setPaused(ctx.db, ctx.projectId, input.scheduleId, true, ctx.userId);
      return { id: updated.id, paused: updated.paused, nextRunAt: updated.nextRunAt };
    }),

  /** Starts again from now: slots and dataset versions that came while paused do not run. */
  resume: projectProcedure("editor")
    .input(scheduleRef)
    .mutation(async ({ ctx, input }) => {
      const updated = await setPaused(ctx.db, ctx.projectId, input.scheduleId, false, ctx.userId);
      return { id: updated.id, paused: updated.paused, nextRunAt: updated.nextRunAt };
    }),

  /** Its runs stay (they are ordinary runs) and still read as scheduled. */
  delete: projectProcedure("editor")
    .input(scheduleRef)
    .mutation(async ({ ctx, input }) => {
      await requireSchedule(ctx.db, ctx.projectId, input.scheduleId);
      await ctx.db.pipelineSchedule.delete({ where: { id: input.scheduleId } });
      return { id: input.scheduleId };
    }),

  /** The project's schedules whose latest run failed, for the warning on the project page. */
  projectFailures: projectProcedure("viewer").query(({ ctx }) => failingScheduledRuns(ctx.db, ctx.projectId)),
});
