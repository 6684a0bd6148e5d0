import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type LabelingOutputs = inferRouterOutputs<AppRouter>["labeling"];
export type QueueDetail = LabelingOutputs["queue"];
export type ClaimedItem = NonNullable<LabelingOutputs["next"]>;
