import { expect, type Page } from "@playwright/test";

/** The source editor of notebook cell n (1-based). */
export const cellSource = (page: Page, n: number) => page.getByLabel(`Cell ${n} source`);
/** Notebook cell n (1-based) with its outputs. */
export const notebookCell = (page: Page, n: number) => page.getByTestId(`cell-${n}`);

/** Types into cell n and runs it with Shift+Enter, as a user would. */
export async function runCell(page: Page, n: number, code: string) {
  await cellSource(page, n).click();
  await cellSource(page, n).fill(code);
  await cellSource(page, n).press("Shift+Enter");
}

/** From a project's page: creates a notebook called `name` and waits until it is open. */
export async function createNotebook(page: Page, name: string) {
  await page.getByLabel("New notebook name").fill(name);
  await page.getByRole("button", { name: "New notebook" }).click();
  await expect(page.getByTestId("notebook-name")).toHaveText(name);
}
