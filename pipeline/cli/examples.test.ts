import { describe, expect, it } from "vitest";
import { EXAMPLES, runExample } from "./exampleRuns";

describe("examples reach their accuracy bars on the held-out test split", () => {
  for (const example of EXAMPLES.filter((candidate) => candidate.inTests)) {
    it(example.name, async () => {
      const { scores } = await runExample(example.name);
      expect(scores.length).toBeGreaterThan(0);
      const best = Math.max(...scores.map((score) => score.accuracy));
      expect(best).toBeGreaterThanOrEqual(example.bar);
      if (example.name === "credit_data") {
        const gbt = scores.find((score) => score.modelKind === "gradient_boosting")!;
        const others = scores.filter((score) => score !== gbt);
        expect(others.map((score) => score.modelKind).sort()).toEqual(["logistic_regression", "mlp", "random_forest"]);
        expect(gbt.accuracy).toBeGreaterThanOrEqual(Math.max(...others.map((s) => s.accuracy)) - 0.015);
        expect(gbt.accuracy).toBeGreaterThan(others.find((score) => score.modelKind === "mlp")!.accuracy);
      }
    });
  }
});
