import { describe, expect, it } from "vitest";
import { EXAMPLES, runExample } from "./exampleRuns";

describe("examples reach their accuracy bars on the held-out test split", () => {
  for (const example of EXAMPLES) {
    it(example.name, async () => {
      const { scores } = await runExample(example.name);
      expect(scores.length).toBeGreaterThan(0);
      const best = Math.max(...scores.map((score) => score.accuracy));
      expect(best).toBeGreaterThanOrEqual(example.bar);
      if (example.name === "credit_data") {
        const gbt = scores.find((score) => score.modelKind === "gradient_boosting")!;
        const others = scores.filter((score) => score !== gbt);
        if (others.length > 0) expect(gbt.accuracy).toBeGreaterThanOrEqual(Math.max(...others.map((s) => s.accuracy)) - 0.015);
        const mlp = scores.find((score) => score.modelKind === "mlp");
        if (mlp !== undefined) expect(gbt.accuracy).toBeGreaterThan(mlp.accuracy);
      }
    });
  }
});
