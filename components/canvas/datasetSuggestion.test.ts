import { describe, expect, it } from "vitest";
import { datasetSuggestion } from "./datasetSuggestion";

describe("dataset suggestions", () => {
  it("offer a project dataset by name with its newest version and rows, and a sample as a sample", () => {
    expect(datasetSuggestion({ name: "churn", kind: "project", nameReference: "dataset:churn", rowCount: 4000, latestVersion: { number: 3 } })).toEqual({
      value: "dataset:churn",
      label: "churn (v3, 4,000 rows)",
    });
    expect(datasetSuggestion({ name: "iris", kind: "sample", nameReference: "sample:iris", rowCount: 150, latestVersion: null })).toEqual({
      value: "sample:iris",
      label: "iris (sample, 150 rows)",
    });
  });
});
