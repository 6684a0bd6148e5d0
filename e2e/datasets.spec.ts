import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { runOn, signUp, uniqueEmail } from "./helpers";

test("a dataset uploaded on the project page has its own page (versions, preview with column stats, download) and a Load node picks it by name", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signUp(page, uniqueEmail("datasets"));
  await page.getByRole("link", { name: /Demo: Iris flowers/ }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  // Iris without its first 30 rows (all setosa): 120 rows, told apart from the sample by its size.
  const iris = readFileSync(new URL("../public/datasets/iris.csv", import.meta.url), "utf8")
    .trimEnd()
    .split("\n");
  const flowers = Buffer.from([iris[0], ...iris.slice(31)].join("\n") + "\n");

  const panel = page.locator("#datasets");
  await panel.getByLabel("Dataset file").setInputFiles({ name: "flowers.csv", mimeType: "text/csv", buffer: flowers });
  await panel.getByLabel("Dataset name").fill("flowers");
  await panel.getByRole("button", { name: "Upload" }).click();
  await expect(panel.getByRole("status")).toContainText('Uploaded "flowers" as version 1.');
  await expect(panel.getByRole("list", { name: "Datasets" })).toContainText("dataset:flowers");

  await panel.getByRole("link", { name: "flowers", exact: true }).click();
  await page.waitForURL(/\/datasets\/[^/]+$/);
  await expect(page.getByRole("heading", { name: "flowers", exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Datasets›flowers");
  const versions = page.getByRole("table", { name: "Versions" });
  await expect(versions.getByRole("row", { name: /v1/ })).toContainText("120");
  await expect(versions.getByRole("row", { name: /v1/ })).toContainText("flowers.csv");
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText("120 rows × 5 columns", { timeout: 60_000 });
  const stats = preview.getByRole("table", { name: "Column statistics" });
  await expect(stats.getByRole("row", { name: /species/ })).toContainText("versicolor (50)");
  await expect(stats.getByRole("row", { name: /sepal_length_cm/ })).toContainText("7.9");

  const [download] = await Promise.all([page.waitForEvent("download"), versions.getByRole("link", { name: "Download version 1" }).click()]);
  expect(download.suggestedFilename()).toBe("flowers.csv");
  expect(readFileSync((await download.path())!)).toEqual(flowers);

  // The Load node offers the dataset by name and takes the bare name as typed.
  await page
    .getByRole("navigation", { name: "Breadcrumb" })
    .getByRole("link", { name: /Demo: Iris flowers/ })
    .click();
  await page.getByRole("link", { name: /Iris classifier/ }).click();
  await page.locator('.react-flow__node[data-id="load"]').click();
  const field = page.getByTestId("field-dataset");
  await expect(field.locator('datalist option[value="dataset:flowers"]')).toHaveAttribute("label", "flowers (v1, 120 rows)");
  await field.getByRole("combobox").fill("flowers");
  await expect(page.getByTestId("compile-status")).toHaveText("Compiles");
  await page.getByRole("button", { name: "Preview load table" }).click();
  await expect(page.getByRole("region", { name: "Data preview" })).toContainText("120 rows", { timeout: 60_000 });
  // runOn fails unless the run succeeded: the server pinned "flowers" to version 1 and trained on it.
  await runOn(page, "server");
});
