import { expect, test } from "@playwright/test";
import { openDemoProject, runOn, signUp, uniqueEmail } from "./helpers";

test("a renamed node's results read by its name; the Runs list filters by pipeline with metric columns, and breadcrumbs lead from a run back to its pipeline", async ({
  page,
}) => {
  await signUp(page, uniqueEmail("runs-page"));
  const projectId = await openDemoProject(page);
  await page.getByRole("link", { name: /Iris classifier/ }).click();
  await page.waitForURL(/\/pipelines\/[^/]+$/);
  const pipelineUrl = page.url();

  // Rename the Evaluate node in the inspector and save: the run panel names its metrics by the new label.
  await page.locator('.react-flow__node[data-id="evaluate"]').click();
  await page.getByRole("complementary", { name: "Inspector" }).getByLabel("Name").fill("Holdout check");
  await page.getByRole("button", { name: "Save version" }).click();
  await page.getByLabel("What changed?").fill("Name the evaluation");
  await page.getByRole("form", { name: "Save version" }).getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("base-version")).toHaveText("v2");
  await runOn(page, "server");
  await expect(page.getByRole("region", { name: "Run" }).getByRole("heading", { name: "Holdout check metrics" })).toBeVisible();

  // The canvas's breadcrumbs lead to this pipeline's runs: filtered, with the Evaluate metric as a column.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Runs of this pipeline" }).click();
  await page.waitForURL(/\/runs\?pipeline=/);
  await expect(page.getByLabel("Filter by pipeline")).toHaveValue(new URL(pipelineUrl).pathname.split("/").at(-1)!);
  const runs = page.getByRole("table", { name: "Runs" });
  await expect(runs.getByRole("columnheader", { name: "accuracy" })).toBeVisible();
  await expect(runs.getByRole("link", { name: "Iris classifier · v2" })).toHaveAttribute("href", new URL(pipelineUrl).pathname);
  const runId = (await runs.getByRole("checkbox").first().getAttribute("aria-label"))!.replace("Compare run ", "");

  // Every pipeline again, and back to one, through the URL.
  await page.getByLabel("Filter by pipeline").selectOption({ label: "All pipelines" });
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/runs$`));
  await page.getByLabel("Filter by pipeline").selectOption({ label: "Iris classifier" });
  await expect(page).toHaveURL(/\/runs\?pipeline=/);
  await expect(runs.getByRole("row")).not.toHaveCount(0);

  // A run opened by link shows its steps by name, and its breadcrumbs lead back to the pipeline's canvas.
  await page.goto(`/projects/${projectId}/runs?run=${runId}`);
  await expect(page.getByRole("table", { name: "Steps" })).toContainText("Holdout check");
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Iris classifier", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${new URL(pipelineUrl).pathname}$`));
  await expect(page.locator('.react-flow__node[data-id="evaluate"]')).toBeVisible();
});
