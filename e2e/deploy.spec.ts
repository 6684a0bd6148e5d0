import { expect, test, type Page } from "@playwright/test";
import { openDemoProject, signUp, trainTwoDemoModels, uniqueEmail } from "./helpers";

const ROWS = [
  { sepal_length_cm: 5.1, sepal_width_cm: 3.5, petal_length_cm: 1.4, petal_width_cm: 0.2 },
  { sepal_length_cm: 7.0, sepal_width_cm: 3.2, petal_length_cm: 4.7, petal_width_cm: 1.4 },
  { sepal_length_cm: 6.3, sepal_width_cm: 3.3, petal_length_cm: 6.0, petal_width_cm: 2.5 },
];

/** Opens the `index`-th server run (newest first) on the Runs page and presses its model's Deploy. */
async function deployRunModel(page: Page, projectId: string, index: number) {
  await page.goto(`/projects/${projectId}/runs`);
  await page
    .getByRole("row", { name: /server/ })
    .nth(index)
    .click();
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  return page.getByRole("dialog", { name: "Deploy this model" });
}

test("a model from a server run deploys, predicts over HTTP, is offered again instead of a second endpoint, and promotes, rolls back and forward with confirmations", async ({
  page,
  request,
}) => {
  await signUp(page, uniqueEmail("deployer"));
  const projectId = await openDemoProject(page);
  await expect(page.getByRole("region", { name: "Deployments", exact: true })).toContainText("No endpoints yet");

  await trainTwoDemoModels(page);

  // Deploy the older run's model: registered under a name, served by a new endpoint.
  let dialog = await deployRunModel(page, projectId, 1);
  await dialog.getByLabel("Register as model").fill("iris");
  await dialog.getByLabel("Endpoint name").fill("Iris endpoint");
  await dialog.getByRole("button", { name: "Create endpoint" }).click();
  await page.waitForURL(/\/deployments\/[^/]+$/);
  const deploymentUrl = page.url();
  await expect(page.getByTestId("deployment-serving")).toHaveText(/Pinned to iris v1/);
  const key = await page.getByRole("textbox", { name: "API key" }).inputValue();
  const url = await page.getByRole("textbox", { name: "Endpoint URL" }).inputValue();
  expect(key).toMatch(/^vjd_/);

  const predict = async () => {
    const response = await request.post(url, {
      headers: { authorization: `Bearer ${key}` },
      data: { instances: ROWS.map((features, i) => ({ key: i, features })) },
    });
    expect(response.status()).toBe(200);
    return (await response.json()) as { predictions: { key: number; label: string }[]; model: { version: number } };
  };
  const first = await predict();
  expect(first.predictions.map((p) => p.key)).toEqual([0, 1, 2]);
  first.predictions.forEach((p, i) => expect(p.label).toMatch([/setosa/, /versicolor/, /virginica/][i]!));
  expect((await request.post(url, { data: { instances: [ROWS[0]] } })).status()).toBe(401);

  // The try-it form calls the endpoint from the browser with the key shown once.
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByTestId("try-it-response")).toContainText(/^200\n[\s\S]*"label"/);

  // Deploying the same model again offers the endpoint that serves it instead of a silent second one.
  dialog = await deployRunModel(page, projectId, 1);
  await expect(dialog).toContainText("This model is already served by");
  await expect(dialog.getByRole("list", { name: "Endpoints serving this model" })).toContainText("Iris endpoint");
  await dialog.getByRole("link", { name: "Open it" }).click();
  await page.waitForURL(deploymentUrl);

  // Promote the newer run's model (not registered yet) as v2, confirmed first.
  await page.getByLabel("Model to promote").selectOption({ index: 2 });
  await page.getByRole("button", { name: "Promote…" }).click();
  const promote = page.getByRole("dialog", { name: /^Promote / });
  await expect(promote).toContainText("will serve");
  await promote.getByRole("button", { name: "Promote", exact: true }).click();
  await expect(page.getByRole("row", { name: /v2/ }).getByTestId("serving-version")).toBeVisible();
  await expect(page.getByTestId("deployment-serving")).toHaveText(/Pinned to iris v2/);
  expect((await predict()).model.version).toBe(2);

  await page.getByRole("button", { name: "Roll back to v1" }).click();
  await page.getByRole("dialog", { name: "Roll back to v1?" }).getByRole("button", { name: "Roll back to v1" }).click();
  await expect(page.getByRole("row", { name: /v1/ }).getByTestId("serving-version")).toBeVisible();
  expect((await predict()).model.version).toBe(1);
  await page.getByRole("button", { name: "Serve v2" }).click();
  await page.getByRole("dialog", { name: "Serve v2?" }).getByRole("button", { name: "Serve v2" }).click();
  await expect(page.getByRole("row", { name: /v2/ }).getByTestId("serving-version")).toBeVisible();
  expect((await predict()).model.version).toBe(2);
  await expect(page.getByTestId("request-stats")).toContainText(/\d+ requests/);

  // Making it public says what that means, and Cancel leaves it as it was.
  await page.getByRole("button", { name: "Make public" }).click();
  const makePublic = page.getByRole("dialog", { name: /Make “Iris endpoint” public/ });
  await expect(makePublic).toContainText("Anyone with the URL can call this endpoint without a key; requests are still rate limited.");
  await makePublic.getByRole("button", { name: "Cancel" }).click();
  await expect(makePublic).toHaveCount(0);
  expect((await request.post(url, { data: { instances: [ROWS[0]] } })).status()).toBe(401);

  // Renamed in place; the project page lists it with what it serves and its traffic.
  await page.getByRole("button", { name: "Rename Iris endpoint" }).click();
  await page.getByLabel("Endpoint name").fill("Iris scorer");
  await page.getByLabel("Endpoint name").press("Enter");
  await expect(page.getByRole("heading", { name: "Iris scorer" })).toBeVisible();
  await page.goto(`/projects/${projectId}`);
  const row = page.getByRole("region", { name: "Deployments", exact: true }).getByRole("row", { name: /Iris scorer/ });
  await expect(row).toContainText("iris v2");
  await expect(row).toContainText("active");
});
