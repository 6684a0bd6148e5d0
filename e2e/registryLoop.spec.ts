import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createProject, signUp, uniqueEmail } from "./helpers";

interface SpecNode {
  id: string;
  kind: string;
  version: number;
  params: Record<string, unknown>;
  inputs: Record<string, { node: string; output: string }>;
}
const champion = JSON.parse(readFileSync("examples/iris_deploy.json", "utf8")) as { specVersion: number; nodes: SpecNode[] };

/** examples/iris_deploy.json with its nodes changed: the same Deploy rule over another model. */
function variant(change: (nodes: SpecNode[]) => SpecNode[]): string {
  return JSON.stringify({ ...champion, nodes: change(structuredClone(champion.nodes)) });
}
// One boosting round at the smallest learning rate barely moves off the class prior: a worse model.
const worse = variant((nodes) => nodes.map((n) => (n.id === "gbt" ? { ...n, params: { target: "species", maxIterations: 1, learningRate: 0.001 } } : n)));
// Without petal width the model expects other inputs than the one an endpoint serves.
const fewerInputs = variant((nodes) => [
  nodes[0]!,
  { id: "drop", kind: "drop-columns", version: 1, params: { columns: ["petal_width_cm"] }, inputs: { table: { node: "load", output: "table" } } },
  ...nodes.slice(1, 3).map((n) => (n.id === "split" ? { ...n, inputs: { table: { node: "drop", output: "table" } } } : n)),
]);

async function importAndRun(page: Page, projectUrl: string, fileName: string, text: string) {
  await page.goto(projectUrl);
  await page.getByLabel("Import pipeline file").setInputFiles({ name: fileName, mimeType: "application/json", buffer: Buffer.from(text) });
  await page.waitForURL(/\/pipelines\/[^/]+$/);
  await expect(page.getByTestId("compile-status")).toHaveText("Compiles");
  await page.getByLabel("Where to run").selectOption("server");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 90_000 });
}

test("a retraining pipeline promotes itself only when its rule holds, and an endpoint refuses a model with other inputs until the change is accepted", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signUp(page, uniqueEmail("looper"));
  const projectUrl = await createProject(page, "Registry loop");
  const projectId = /projects\/([^/]+)/.exec(projectUrl)![1]!;
  const log = page.getByRole("list", { name: "Run log" });

  await importAndRun(page, projectUrl, "iris_champion.json", JSON.stringify(champion));
  await expect(log).toContainText("[deploy] registered iris v1; champion → v1");

  // A worse model is registered, but champion stays where the rule says.
  await importAndRun(page, projectUrl, "iris_worse.json", worse);
  await expect(log).toContainText(/\[deploy\] registered iris v2; champion stays v1: accuracy 0\.\d+ < 0\.\d+/);
  await page.goto(`/projects/${projectId}/models`);
  await expect(page.getByRole("table", { name: "Registered models" }).getByRole("row", { name: /iris/ })).toContainText("champion · v1");

  // Serve the champion: the runs list is newest first, so the champion's run is the second.
  await page.goto(`/projects/${projectId}/runs`);
  await page
    .getByRole("row", { name: /server/ })
    .nth(1)
    .click();
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  const deploy = page.getByRole("dialog", { name: "Deploy this model" });
  await deploy.getByLabel("Register as model").fill("iris");
  await deploy.getByLabel("Endpoint name").fill("Iris API");
  await deploy.getByRole("button", { name: "Create endpoint" }).click();
  await page.waitForURL(/\/deployments\/[^/]+$/);
  const deploymentUrl = page.url();
  await expect(page.getByTestId("deployment-serving")).toHaveText(/Pinned to iris v1/);

  // A model trained without petal width: promoting it lists the difference and waits for the acknowledgement.
  await importAndRun(page, projectUrl, "iris_fewer_inputs.json", fewerInputs);
  await page.goto(deploymentUrl);
  const picker = page.getByLabel("Model to promote");
  const option = picker.locator("option", { hasText: "iris_fewer_inputs" });
  await expect(option).toHaveCount(1);
  await picker.selectOption((await option.getAttribute("value"))!);
  await page.getByRole("button", { name: "Promote…" }).click();
  const promote = page.getByRole("dialog", { name: /^Promote / });
  await expect(promote.getByTestId("contract-differences")).toContainText('no longer takes feature "petal_width_cm" (number)');
  const confirm = promote.getByRole("button", { name: "Promote", exact: true });
  await expect(confirm).toBeDisabled();
  await promote.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("deployment-serving")).toHaveText(/Pinned to iris v1/);

  // The project page lists the endpoint with what it serves.
  await page.goto(projectUrl);
  await expect(page.getByRole("region", { name: "Deployments", exact: true }).getByRole("row", { name: /Iris API/ })).toContainText("iris v1");
});
