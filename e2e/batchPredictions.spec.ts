import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { openDemoProject, runOn, signUp, uniqueEmail } from "./helpers";

const IRIS = readFileSync(path.join(process.cwd(), "public/datasets/iris.csv"), "utf8").trimEnd().split("\n");
/** Iris with a key column in an order that is neither sorted nor the row number. */
const KEYED = IRIS.map((line, i) => (i === 0 ? `customer_id,${line}` : `c-${String((i * 37) % 151).padStart(3, "0")},${line}`)).join("\n");
const KEYS = KEYED.split("\n")
  .slice(1)
  .map((line) => line.split(",")[0]);

test("a deployment scores an uploaded table as a batch job: the CSV downloads with one row per input row and the chosen keys, and the model file downloads", async ({
  page,
}) => {
  await signUp(page, uniqueEmail("batcher"));
  const projectId = await openDemoProject(page);
  await page.getByRole("link", { name: /Iris classifier/ }).click();
  await runOn(page, "server");

  await page.goto(`/projects/${projectId}/runs`);
  await page
    .getByRole("row", { name: /server/ })
    .first()
    .click();
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Deploy this model" });
  await dialog.getByLabel("Register as model").fill("iris");
  await dialog.getByLabel("Endpoint name").fill("Iris batch");
  await dialog.getByRole("button", { name: "Create endpoint" }).click();
  await page.waitForURL(/\/deployments\/[^/]+$/);

  const panel = page.getByRole("region", { name: "Batch predictions" });
  await expect(panel).toContainText("No batch predictions with this model yet.");
  await panel.getByLabel("Table to score").setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(KEYED) });
  await panel.getByLabel("Key column").selectOption("customer_id");
  await panel.getByRole("button", { name: "Start batch prediction" }).click();

  const job = panel.getByTestId("batch-prediction").first();
  await expect(job).toContainText("customers.csv");
  await expect(job).toContainText("succeeded", { timeout: 60_000 });
  await expect(job).toContainText("150 / 150 rows");

  const [download] = await Promise.all([page.waitForEvent("download"), job.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toBe("customers-predictions.csv");
  const lines = readFileSync(await download.path(), "utf8")
    .trimEnd()
    .split("\n");
  expect(lines[0]).toBe("customer_id,prediction,probability_setosa,probability_versicolor,probability_virginica");
  expect(lines).toHaveLength(151);
  expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(KEYS);
  expect(lines[1]!.split(",")[1]).toBe("setosa");

  const [model] = await Promise.all([page.waitForEvent("download"), panel.getByRole("link", { name: "Download model" }).click()]);
  expect(model.suggestedFilename()).toBe("iris-batch-v1.vajra-model");
  expect(readFileSync(await model.path(), "utf8")).toContain("preprocessing");
});
