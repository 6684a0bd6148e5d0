import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { createProject, signUp, uniqueEmail } from "./helpers";

const file = (name: string, text: string) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) });

test("a Deploy node is refused in the browser, sent to a server worker by Auto, registers iris v1 as champion and, re-run from the cache, registers nothing new", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signUp(page, uniqueEmail("deployer"));
  await createProject(page, "Retraining");
  await page.getByLabel("Import pipeline file").setInputFiles(file("iris_deploy.json", readFileSync("examples/iris_deploy.json", "utf8")));
  await page.waitForURL(/\/pipelines\/[^/]+$/);
  await expect(page.getByTestId("compile-status")).toHaveText("Compiles");
  await expect(page.locator(".react-flow__node")).toHaveCount(5);

  // The inspector's form: the model name, and the metric picker offering the Evaluate node's metrics.
  await page.locator('.react-flow__node[data-id="deploy"]').click();
  await expect(page.getByTestId("field-modelName").locator("input")).toHaveValue("iris");
  await expect(page.getByTestId("field-metric").locator("select")).toHaveValue("accuracy");
  await expect(page.getByTestId("field-metric").locator('option[value="rmse"]')).toHaveCount(1);

  const placement = page.getByLabel("Where to run");
  const run = page.getByRole("button", { name: "Run", exact: true });
  await placement.selectOption("browser");
  await run.click();
  await expect(page.getByTestId("toast")).toContainText(
    "Deploy registers models on the server, so this pipeline cannot run in the browser: choose Server or Auto.",
  );
  await expect(page.getByRole("region", { name: "Run" })).toHaveCount(0);

  await placement.selectOption("auto");
  await run.click();
  await expect(page.getByTestId("toast")).toContainText("Running on a server worker (Auto: Deploy registers models on the server).");
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 90_000 });
  const log = page.getByRole("list", { name: "Run log" });
  await expect(log).toContainText("[deploy] registered iris v1; champion → v1 (no version held champion yet)");
  await expect(page.getByTestId("metrics-deploy")).toContainText("version");
  // The node itself says what it did, next to its server badge.
  await expect(page.getByTestId("outcome-deploy")).toHaveText("registered iris v1; champion → v1 (no version held champion yet)");

  await run.click();
  await expect(log).toContainText("[deploy] iris v1 already holds this model; champion stays v1", { timeout: 90_000 });
  await expect(page.getByTestId("run-state-gbt")).toHaveText("cached");
  await expect(page.getByTestId("run-state-deploy")).toHaveText("done");
});
