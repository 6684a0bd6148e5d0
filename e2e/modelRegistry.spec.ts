import { expect, test, type Page } from "@playwright/test";
import { openDemoProject, signUp, trainTwoDemoModels, uniqueEmail } from "./helpers";

/** From the Runs page: opens the `index`-th server run, its model's page, and registers the model as a version of `name`. */
async function registerRunModel(page: Page, projectId: string, index: number, name: string) {
  await page.goto(`/projects/${projectId}/runs`);
  await page
    .getByRole("row", { name: /server/ })
    .nth(index)
    .click();
  await page.getByRole("link", { name: "model lineage" }).first().click();
  await page.waitForURL(/\/artifacts\/[^/]+$/);
  const registry = page.getByRole("region", { name: "Model registry" });
  await registry.getByLabel("Model name").fill(name);
  await registry.getByRole("button", { name: "Register model" }).click();
  await expect(registry.getByRole("status")).toContainText(new RegExp(`Registered as ${name} v\\d`));
}

test("two trained models become versions of one name; champion moves with a confirmation and the move is in the history", async ({ page }) => {
  const email = uniqueEmail("registrar");
  await signUp(page, email);
  const projectId = await openDemoProject(page);
  await expect(page.getByRole("region", { name: "Models", exact: true })).toContainText("No registered models yet");

  await trainTwoDemoModels(page);

  // Runs are listed newest first: register the older run's model first, so it is v1.
  await registerRunModel(page, projectId, 1, "iris");
  await registerRunModel(page, projectId, 0, "iris");
  await page.getByRole("link", { name: "iris v2" }).first().click();
  await page.waitForURL(/\/models\/[^/]+$/);
  await expect(page.getByRole("heading", { name: "iris", exact: true })).toBeVisible();
  const versions = page.getByRole("table", { name: "Versions" });
  await expect(versions.getByTestId("version-2")).toContainText("v2");
  await expect(versions.getByTestId("version-1")).toContainText("v1");
  await expect(versions).toContainText("accuracy");

  const aliases = page.getByRole("region", { name: "Aliases" });
  const moveChampion = async (to: string, summary: string) => {
    await aliases.getByRole("button", { name: "Move alias" }).click();
    await aliases.getByLabel("Alias", { exact: true }).fill("champion");
    await aliases.getByLabel("Points at").selectOption({ label: to });
    await aliases.getByRole("button", { name: "Review move" }).click();
    await expect(aliases.getByTestId("alias-move-summary")).toHaveText(summary);
    await aliases.getByRole("button", { name: /^Move champion to / }).click();
    await expect(aliases.getByRole("group", { name: "Confirm alias move" })).toHaveCount(0);
  };
  await moveChampion("v1", "champion: unset → v1; endpoints following it: none");
  await expect(aliases).toContainText("champion → v1");
  await moveChampion("v2", "champion: v1 → v2; endpoints following it: none");
  await expect(aliases).toContainText("champion → v2");

  const history = page.getByRole("table", { name: "Alias history" });
  await expect(history.getByRole("row", { name: /v1 → v2/ })).toContainText(email);
  await expect(history.getByRole("row", { name: /unset → v1/ })).toContainText("champion");

  await page.getByRole("link", { name: "All models" }).click();
  await expect(page.getByRole("table", { name: "Registered models" }).getByRole("row", { name: /iris/ })).toContainText("champion · v2");
});
