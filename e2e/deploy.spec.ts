import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

const ROWS = [
  { sepal_length_cm: 5.1, sepal_width_cm: 3.5, petal_length_cm: 1.4, petal_width_cm: 0.2 },
  { sepal_length_cm: 7.0, sepal_width_cm: 3.2, petal_length_cm: 4.7, petal_width_cm: 1.4 },
  { sepal_length_cm: 6.3, sepal_width_cm: 3.3, petal_length_cm: 6.0, petal_width_cm: 2.5 },
];

test("a model from a server run deploys with one click, predicts over HTTP, and rolls back and forward", async ({ page, request }) => {
  await signUp(page, uniqueEmail("deployer"));
  await page.getByRole("link", { name: /Demo: Iris flowers/ }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  const projectId = /projects\/([^/]+)/.exec(page.url())![1]!;
  await page.getByRole("link", { name: /Iris classifier/ }).click();
  await expect(page.getByTestId("compile-status")).toHaveText("Compiles");
  await page.getByLabel("Where to run").selectOption("server");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 60_000 });

  await page.goto(`/projects/${projectId}/runs`);
  await page
    .getByRole("row", { name: /server/ })
    .first()
    .click();
  await page.getByRole("button", { name: "Deploy" }).click();
  await page.waitForURL(/\/deployments\/[^/]+$/);
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

  // Promote the same model as v2, then roll back to v1 and forward to v2 in the UI.
  await page.getByLabel("Model to promote").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Promote" }).click();
  await expect(page.getByRole("row", { name: /v2/ }).getByTestId("serving-version")).toBeVisible();
  expect((await predict()).model.version).toBe(2);
  await page.getByRole("button", { name: "Roll back to v1" }).click();
  await expect(page.getByRole("row", { name: /v1/ }).getByTestId("serving-version")).toBeVisible();
  expect((await predict()).model.version).toBe(1);
  await page.getByRole("button", { name: "Serve v2" }).click();
  await expect(page.getByRole("row", { name: /v2/ }).getByTestId("serving-version")).toBeVisible();
  expect((await predict()).model.version).toBe(2);
  await expect(page.getByTestId("request-stats")).toContainText(/\d+ requests/);
});
