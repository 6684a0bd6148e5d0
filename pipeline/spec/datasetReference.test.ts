import { describe, expect, it } from "vitest";
import { parseDatasetReference, projectDatasetReference, referenceNames } from "./datasetReference";

describe("dataset references", () => {
  it("reads samples, project datasets by name or id, pinned versions and bare names", () => {
    expect(parseDatasetReference("sample:iris")).toEqual({ kind: "sample", name: "iris" });
    expect(parseDatasetReference("dataset:churn")).toEqual({ kind: "project", key: "churn" });
    expect(parseDatasetReference("dataset:churn@3")).toEqual({ kind: "project", key: "churn", version: 3 });
    expect(parseDatasetReference("dataset:cmx7abc")).toEqual({ kind: "project", key: "cmx7abc" });
    expect(parseDatasetReference("dataset:q3 sales")).toEqual({ kind: "project", key: "q3 sales" });
    expect(parseDatasetReference("dataset:me@example")).toEqual({ kind: "project", key: "me@example" });
    expect(parseDatasetReference("churn")).toEqual({ kind: "bare", value: "churn" });
    expect(parseDatasetReference("data/churn.csv")).toEqual({ kind: "bare", value: "data/churn.csv" });
  });

  it("writes a name reference that reads back the same", () => {
    expect(projectDatasetReference("churn")).toBe("dataset:churn");
    expect(projectDatasetReference("churn", 2)).toBe("dataset:churn@2");
    expect(parseDatasetReference(projectDatasetReference("q3 sales", 12))).toEqual({ kind: "project", key: "q3 sales", version: 12 });
  });

  it("answers to the dataset's name on the command line", () => {
    expect(referenceNames("dataset:churn@2")).toEqual(["dataset:churn@2", "churn"]);
    expect(referenceNames("churn")).toEqual(["churn"]);
    expect(referenceNames("sample:iris")).toEqual([]);
  });
});
