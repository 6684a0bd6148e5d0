import { expect, test, type Browser, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

async function saveVersion(page: Page, message: string) {
  await page.getByRole("button", { name: "Save version" }).click();
  await page.getByLabel("What changed?").fill(message);
  await page.getByRole("form", { name: "Save version" }).getByRole("button", { name: "Save version" }).click();
}

/** One user with the demo pipeline open in two tabs of one browser, both on v1. */
async function demoPipelineInTwoTabs(browser: Browser, name: string) {
  const context = await browser.newContext();
  const first = await context.newPage();
  await signUp(first, uniqueEmail(name));
  await first.getByRole("link", { name: /Demo: Iris flowers/ }).click();
  await first.getByRole("link", { name: /Iris classifier/ }).click();
  await expect(first.getByTestId("base-version")).toHaveText("v1");
  const second = await context.newPage();
  await second.goto(first.url());
  await expect(second.getByTestId("base-version")).toHaveText("v1");
  return { context, first, second };
}

test("two editors saving on the same base: the second is told and keeps their work as a new version on top", async ({ browser }) => {
  const { context, first, second } = await demoPipelineInTwoTabs(browser, "editor");

  await first.locator('.react-flow__node[data-id="split"]').click();
  await first.getByTestId("field-seed").getByRole("spinbutton").fill("7");
  await saveVersion(first, "Seed 7");
  await expect(first.getByTestId("base-version")).toHaveText("v2");

  await second.locator('.react-flow__node[data-id="split"]').click();
  await second.getByTestId("field-seed").getByRole("spinbutton").fill("9");
  await saveVersion(second, "Seed 9");
  const conflict = second.getByRole("alert").filter({ hasText: "while you were editing" });
  await expect(conflict).toContainText('saved version 2 ("Seed 7")');
  await expect(second.getByTestId("base-version")).toHaveText("v1");
  await conflict.getByRole("button", { name: "Save mine as a new version on top" }).click();
  await expect(second.getByTestId("base-version")).toHaveText("v3");

  await second.getByRole("button", { name: "History" }).click();
  await expect(second.getByTestId("version-3")).toContainText("Seed 9");
  await expect(second.getByTestId("version-2")).toContainText("Seed 7");
  await second.getByLabel("Compare version 2").check();
  await second.getByLabel("Compare version 3").check();
  await second.getByRole("button", { name: "Compare" }).click();
  await expect(second.getByRole("region", { name: "Version diff" })).toContainText("seed: 7 → 9");
  await expect(second.locator('.react-flow__node[data-id="split"] > div')).toHaveClass(/ring-amber-500/);
  await context.close();
});

test("two tabs editing one draft: the later autosave is stopped, not lost, and the user picks which draft to keep", async ({ browser }) => {
  const { context, first, second } = await demoPipelineInTwoTabs(browser, "tabs");
  const setSeed = async (page: Page, seed: string) => {
    await page.locator('.react-flow__node[data-id="split"]').click();
    await page.getByTestId("field-seed").getByRole("spinbutton").fill(seed);
  };

  await setSeed(first, "11");
  await expect(first.getByTestId("draft-status")).toHaveText("Draft saved");
  await setSeed(second, "22");
  const conflict = second.getByRole("alert", { name: "Draft conflict" });
  await expect(conflict).toContainText("changed elsewhere");
  // The first tab's draft is untouched: a reload of the pipeline shows seed 11.
  await conflict.getByRole("button", { name: "Load that draft (discard mine)" }).click();
  await expect(conflict).toBeHidden();
  await second.locator('.react-flow__node[data-id="split"]').click();
  await expect(second.getByTestId("field-seed").getByRole("spinbutton")).toHaveValue("11");

  // Now the first tab is behind; keeping its version of the draft overwrites on purpose.
  await setSeed(second, "33");
  await expect(second.getByTestId("draft-status")).toHaveText("Draft saved");
  await setSeed(first, "44");
  await first.getByRole("alert", { name: "Draft conflict" }).getByRole("button", { name: "Keep mine" }).click();
  await expect(first.getByTestId("draft-status")).toHaveText("Draft saved");
  await first.reload();
  await first.locator('.react-flow__node[data-id="split"]').click();
  await expect(first.getByTestId("field-seed").getByRole("spinbutton")).toHaveValue("44");
  await context.close();
});
