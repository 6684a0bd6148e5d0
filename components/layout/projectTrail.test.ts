import { describe, expect, it } from "vitest";
import { projectRouteOf, trailInput } from "./projectTrail";

const route = (path: string, search = "") => projectRouteOf(path, new URLSearchParams(search));

describe("projectRouteOf", () => {
  it("recognises each project page and its ids", () => {
    expect(route("/projects/p1")).toEqual({ page: "project" });
    expect(route("/projects/p1/pipelines/pl1")).toEqual({ page: "pipeline", pipelineId: "pl1" });
    expect(route("/projects/p1/runs", "run=r1")).toEqual({ page: "runs", runId: "r1", pipelineId: null });
    expect(route("/projects/p1/artifacts/a1")).toEqual({ page: "artifact", artifactId: "a1" });
    expect(route("/projects/p1/deployments/d1")).toEqual({ page: "deployment", deploymentId: "d1" });
    expect(route("/projects/p1/notebooks/n1")).toEqual({ page: "notebook", notebookId: "n1" });
    expect(route("/projects/p1/models")).toEqual({ page: "models", registeredModelId: null });
    expect(route("/projects/p1/models/m1")).toEqual({ page: "models", registeredModelId: "m1" });
    expect(route("/projects/p1/labeling")).toEqual({ page: "labeling", queueId: null });
    expect(route("/projects/p1/labeling/q1")).toEqual({ page: "labeling", queueId: "q1" });
    expect(route("/projects/p1/datasets/ds1")).toEqual({ page: "dataset", datasetId: "ds1" });
    expect(route("/projects/p1/whatever")).toEqual({ page: "other" });
  });

  it("asks the trail only for the ids the page has", () => {
    expect(trailInput(route("/projects/p1/runs", "run=r1&pipeline=pl1"))).toEqual({ runId: "r1", pipelineId: "pl1" });
    expect(trailInput(route("/projects/p1/runs"))).toEqual({});
    expect(trailInput(route("/projects/p1"))).toEqual({});
    expect(trailInput(route("/projects/p1/datasets/ds1"))).toEqual({ datasetId: "ds1" });
    expect(trailInput(route("/projects/p1/labeling/q1"))).toEqual({ labelingQueueId: "q1" });
  });
});
