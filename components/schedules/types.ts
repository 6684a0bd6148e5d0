import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>;
export type PipelineSchedules = Outputs["schedule"]["list"];
export type ScheduleItem = PipelineSchedules["schedules"][number];
export type ScheduledRun = PipelineSchedules["history"][number];
