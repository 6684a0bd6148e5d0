/** Which project page a path is, with the ids the breadcrumb trail needs to name it. */
export type ProjectRoute =
  | { page: "project" }
  | { page: "pipeline"; pipelineId: string }
  | { page: "runs"; runId: string | null; pipelineId: string | null }
  | { page: "artifact"; artifactId: string }
  | { page: "deployment"; deploymentId: string }
  | { page: "notebook"; notebookId: string }
  | { page: "models"; registeredModelId: string | null }
  | { page: "dataset"; datasetId: string }
  | { page: "connections" }
  | { page: "labeling"; queueId: string | null }
  | { page: "other" };

export function projectRouteOf(pathname: string, search: URLSearchParams): ProjectRoute {
  const [, section, id] = pathname.replace(/^\/projects\/[^/]+/, "").split("/");
  switch (section) {
    case undefined:
    case "":
      return { page: "project" };
    case "pipelines":
      return id ? { page: "pipeline", pipelineId: id } : { page: "other" };
    case "runs":
      return { page: "runs", runId: search.get("run"), pipelineId: search.get("pipeline") };
    case "artifacts":
      return id ? { page: "artifact", artifactId: id } : { page: "other" };
    case "deployments":
      return id ? { page: "deployment", deploymentId: id } : { page: "other" };
    case "notebooks":
      return id ? { page: "notebook", notebookId: id } : { page: "other" };
    case "models":
      return { page: "models", registeredModelId: id ?? null };
    case "datasets":
      return id ? { page: "dataset", datasetId: id } : { page: "other" };
    case "connections":
      return { page: "connections" };
    case "labeling":
      return { page: "labeling", queueId: id ?? null };
    default:
      return { page: "other" };
  }
}

/** The trail query's input for a route: only the ids that route has. */
export function trailInput(route: ProjectRoute): Record<string, string> {
  switch (route.page) {
    case "pipeline":
      return { pipelineId: route.pipelineId };
    case "runs":
      return { ...(route.runId ? { runId: route.runId } : {}), ...(route.pipelineId ? { pipelineId: route.pipelineId } : {}) };
    case "artifact":
      return { artifactId: route.artifactId };
    case "deployment":
      return { deploymentId: route.deploymentId };
    case "notebook":
      return { notebookId: route.notebookId };
    case "models":
      return route.registeredModelId ? { registeredModelId: route.registeredModelId } : {};
    case "dataset":
      return { datasetId: route.datasetId };
    case "labeling":
      return route.queueId ? { labelingQueueId: route.queueId } : {};
    default:
      return {};
  }
}
