import { describe, expect, it } from "vitest";
import type { CellOutput } from "@/contracts/notebookCells";
import { createDisplay } from "./notebookDisplay";

describe("display.plot histograms", () => {
  it("bins on round edges, so the bar centres read 0.1, 0.3 … with no float residue such as 5.33e-15", () => {
    const outputs: CellOutput[] = [];
    // Values around zero are where min + i × width used to leave residues instead of 0.
    createDisplay(outputs).plot({ type: "histogram", x: [-0.3, -0.1, 0.1, 0.15, 0.3, 0.5], bins: 4, xLabel: "residual" });
    expect(outputs).toEqual([
      {
        type: "plot",
        plot: { kind: "histogram", xLabel: "residual", yLabel: "count", x: [-0.3, -0.1, 0.1, 0.3, 0.5], y: [1, 1, 2, 1, 1] },
      },
    ]);
  });

  it("refuses a histogram without numbers", () => {
    expect(() => createDisplay([]).plot({ type: "histogram", x: ["a"] })).toThrow("a histogram needs numeric x values");
  });
});
