import { describe, expect, it } from "vitest";
import type { ModelSignature } from "../deployments/signature";
import { signatureDifferences } from "./signatureDifferences";

const iris: ModelSignature = {
  task: "classification",
  target: "species",
  features: [
    { name: "sepal_length", type: "number" },
    { name: "petal_width", type: "number" },
  ],
  classes: ["setosa", "versicolor", "virginica"],
};

describe("signatureDifferences", () => {
  it("finds nothing between a signature and itself, or a reordering of its features", () => {
    expect(signatureDifferences(iris, iris)).toEqual([]);
    expect(signatureDifferences(iris, { ...iris, features: [...iris.features].reverse() })).toEqual([]);
  });

  it("lists every change a client would notice", () => {
    const churn: ModelSignature = {
      task: "classification",
      target: "churned",
      features: [
        { name: "sepal_length", type: "category" },
        { name: "tenure", type: "number" },
      ],
      classes: ["setosa", "yes"],
    };
    expect(signatureDifferences(iris, churn)).toEqual([
      'predicts "churned" instead of "species"',
      'feature "sepal_length" changes from number to category',
      'no longer takes feature "petal_width" (number)',
      'requires new feature "tenure" (number)',
      "can answer new classes: yes",
      "never answers classes: versicolor, virginica",
    ]);
  });

  it("reports a change of task", () => {
    expect(signatureDifferences(iris, { ...iris, task: "regression", classes: [] })[0]).toBe("task changes from classification to regression");
  });
});
