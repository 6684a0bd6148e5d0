import { expect, test } from "@playwright/test";
import { createProject, runOn, signUp, uniqueEmail } from "./helpers";

/** A small tuner pipeline as a spec file, as "Export spec" writes one (defaults left out). */
const irisTuned = {
  specVersion: 1,
  nodes: [
    { id: "load", kind: "load", version: 1, params: { dataset: "sample:iris" }, inputs: {} },
    {
      id: "split",
      kind: "split",
      version: 1,
      params: { train: 0.6, validation: 0.2, test: 0.2, seed: 1, stratify: "species" },
      inputs: { table: { node: "load", output: "table" } },
    },
    {
      id: "tuner",
      kind: "tuner",
      version: 1,
      params: {
        model: "random-forest",
        target: "species",
        algorithm: "random",
        maxTrials: 6,
        seed: 3,
        searchSpace: { nEstimators: { type: "int", min: 10, max: 40 }, maxDepth: { type: "int", min: 1, max: 4 } },
      },
      inputs: { data: { node: "split", output: "split" } },
    },
    {
      id: "evaluate",
      kind: "evaluate",
      version: 1,
      params: { partition: "test" },
      inputs: { model: { node: "tuner", output: "model" }, data: { node: "split", output: "split" } },
    },
  ],
};

const file = (name: string, text: string) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) });

test("a pipeline file is imported onto the canvas, bad files are refused, a server run's trials and confusion matrix are shown from storage, and the pipeline is renamed and deleted", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signUp(page, uniqueEmail("importer"));
  const projectUrl = await createProject(page, "Tuning");
  const picker = page.getByLabel("Import pipeline file");

  await picker.setInputFiles(file("broken.json", '{"specVersion": 1, "nodes": ['));
  await expect(page.getByRole("alert").filter({ hasText: "broken.json" })).toContainText("broken.json is not JSON");
  await picker.setInputFiles(file("notes.json", '{"hello": "world"}'));
  await expect(page.getByRole("alert").filter({ hasText: "notes.json" })).toHaveText(
    "notes.json: Not a Vajra pipeline spec: specVersion must be a positive integer",
  );
  await expect(page.getByText("No pipelines yet.")).toBeVisible();

  await picker.setInputFiles(file("iris_tuned.json", JSON.stringify(irisTuned)));
  await page.waitForURL(/\/pipelines\/[^/]+$/);
  await expect(page.getByTestId("compile-status")).toHaveText("Compiles");
  await expect(page.locator(".react-flow__node")).toHaveCount(4);
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);
  await expect(page.getByTestId("base-version")).toContainText("v1");

  await runOn(page, "server");
  // While (and after) the search runs, the run panel lists the trials with the worker that trained each.
  await expect(page.getByRole("region", { name: "Server trials" })).toContainText("6 of 6 done");
  await expect(page.getByRole("table", { name: "Trials by worker" }).locator("tbody tr")).toHaveCount(6);
  await page.goto(`${projectUrl}/runs`);
  await page
    .getByRole("row", { name: /server/ })
    .first()
    .click();
  await page.getByRole("button", { name: "Show trials" }).click();
  const trials = page.getByRole("table", { name: "Trials" });
  await expect(trials.locator("tbody tr")).toHaveCount(6);
  await expect(trials.locator('tr[aria-current="true"]')).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Tuner trials" })).toContainText("6 trials · accuracy (higher is better) · best: trial");
  await expect(page.getByRole("img", { name: "accuracy over trials" }).locator('g[aria-label="line"] path')).toHaveCount(2);

  await page.getByRole("button", { name: "Show metrics" }).click();
  const confusion = page.getByRole("table", { name: "Confusion matrix" });
  await expect(confusion.locator("tbody tr")).toHaveCount(3);
  const counts = (await confusion.locator("tbody td").allInnerTexts()).map(Number);
  // 20% of 150 stratified rows: 30 test rows in the matrix.
  expect(counts.reduce((a, b) => a + b, 0)).toBe(30);

  // Any stored output, not only metrics: the loaded table with its column statistics.
  await page.getByRole("button", { name: "Show table" }).click();
  await expect(page.getByRole("table", { name: "Column statistics" })).toContainText("petal_length_cm");
  await expect(page.getByText("150 rows × 5 columns")).toBeVisible();

  // The imported pipeline is listed with its version; an editor renames it, then deletes it with its runs.
  await page.goto(projectUrl);
  const pipelines = page.getByRole("list", { name: "Pipelines" });
  await expect(pipelines).toContainText("iris_tuned");
  await expect(pipelines).toContainText("v1");
  await page.getByRole("button", { name: "Rename pipeline iris_tuned" }).click();
  await page.getByLabel("Pipeline name", { exact: true }).fill("Iris, tuned");
  await page.getByLabel("Pipeline name", { exact: true }).press("Enter");
  await expect(pipelines.getByRole("link", { name: /Iris, tuned/ })).toBeVisible();
  await page.getByRole("button", { name: "Delete pipeline Iris, tuned" }).click();
  await expect(pipelines.getByRole("alert")).toContainText("run history go too; trained models and deployments stay");
  await pipelines.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByText("No pipelines yet.")).toBeVisible();
  await page.goto(`${projectUrl}/runs`);
  await expect(page.getByText("No runs yet.")).toBeVisible();
});
