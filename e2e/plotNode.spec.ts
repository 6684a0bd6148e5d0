import { expect, test } from "@playwright/test";
import { createProject, signUp, uniqueEmail } from "./helpers";

/** Load iris → Plot (scatter of the petals, coloured by species), as an exported pipeline file. */
const irisPlot = {
  specVersion: 1,
  nodes: [
    { id: "load", kind: "load", version: 1, params: { dataset: "sample:iris" }, inputs: {} },
    {
      id: "plot",
      kind: "plot",
      version: 1,
      params: { chart: "scatter", x: "petal_length_cm", y: "petal_width_cm", color: "species", bins: 20 },
      inputs: { table: { node: "load", output: "table" } },
    },
  ],
};

test("a Plot node previews a scatter of iris with 150 points and labelled axes, then its histogram and correlation matrix", async ({ page }) => {
  await signUp(page, uniqueEmail("plotter"));
  await createProject(page, "Plots");
  await page
    .getByLabel("Import pipeline file")
    .setInputFiles({ name: "iris_plot.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(irisPlot)) });
  await page.waitForURL(/\/pipelines\/[^/]+$/);
  await expect(page.getByTestId("compile-status")).toHaveText("Compiles");

  await page.getByRole("button", { name: "Preview plot plot" }).click();
  const preview = page.getByRole("region", { name: "Data preview" });
  const scatter = preview.getByRole("img", { name: "petal_width_cm against petal_length_cm" });
  await expect(scatter.locator("circle")).toHaveCount(150);
  await expect(scatter).toContainText("petal_length_cm");
  await expect(preview.getByTestId("plot-node-chart")).toContainText("virginica");

  // Another chart from the same node: the inspector's form comes from the node's params.
  await page.locator('.react-flow__node[data-id="plot"]').click();
  await page.getByTestId("field-chart").locator("select").selectOption("histogram");
  await page.getByRole("button", { name: "Preview plot plot" }).click();
  const histogram = preview.getByRole("img", { name: "Histogram of petal_length_cm" });
  await expect(histogram).toContainText("count");
  await expect(histogram.locator('g[aria-label="rect"] rect').first()).toBeVisible();

  await page.getByTestId("field-chart").locator("select").selectOption("correlation");
  await page.getByRole("button", { name: "Preview plot plot" }).click();
  // Fisher's iris: petal length and width correlate at r ≈ 0.96.
  await expect(preview.getByRole("img", { name: "Correlation matrix" })).toContainText("0.96");
});
