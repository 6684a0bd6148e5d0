import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type RegistryOutputs = inferRouterOutputs<AppRouter>["registry"];
export type RegisteredModelSummary = RegistryOutputs["list"][number];
export type RegisteredModelDetail = RegistryOutputs["get"];
export type RegisteredVersion = RegisteredModelDetail["versions"][number];
export type AliasMovePreview = RegistryOutputs["previewAliasMove"];
