import { expect, test } from "@playwright/test";
import { joinAsViewer, signUp, uniqueEmail } from "./helpers";
import { cellSource, createNotebook, notebookCell } from "./notebookHelpers";

const CELL = `type Row = Record<string, string | number | boolean | null>;
const iris = await vajra.dataset("iris");

function longPetals(table: { rows(): Row[] }): Row[] {
  return table
    .rows()
    .filter((row) => Number(row.petal_length_cm) > 2.5)
    .map((row) => ({ ...row, petal_ratio: Number(row.petal_length_cm) / Number(row.petal_width_cm) }));
}

display.table(longPetals(iris));`;

test("a notebook function from table to table becomes a Custom code node on a pipeline's canvas, and runs there", async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
  const page = await context.newPage();
  await signUp(page, uniqueEmail("customcode"));
  await page.getByRole("link", { name: /Demo: Iris flowers/ }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  const projectUrl = page.url();
  await createNotebook(page, "Petal cleaning");

  // Explore: write the function in a TypeScript cell and run it on iris.
  await cellSource(page, 1).click();
  await page.getByLabel("Cell type").selectOption("typescript");
  await cellSource(page, 1).fill(CELL);
  await cellSource(page, 1).press("Shift+Enter");
  await expect(notebookCell(page, 1).getByTestId("output-table")).toContainText("100 rows × 6 columns");
  await expect(notebookCell(page, 1).getByTestId("output-table")).toContainText("petal_ratio");
  const notebookUrl = page.url();

  // Turn it into a node of the demo pipeline: the node gets the function and the type it uses, not the exploration code.
  await notebookCell(page, 1).getByRole("button", { name: "Make canvas node" }).click();
  const dialog = page.getByRole("dialog", { name: "Make canvas node" });
  await dialog.getByLabel("Pipeline").selectOption({ label: "Iris classifier" });
  await expect(dialog.getByTestId("node-code")).toContainText("function longPetals(table: { rows(): Row[] }): Row[]");
  await expect(dialog.getByTestId("node-code")).toContainText("type Row = Record");
  await expect(dialog.getByTestId("node-code")).not.toContainText("vajra.dataset");
  await dialog.getByRole("button", { name: "Add to pipeline" }).click();
  await expect(dialog).toContainText("Added custom-code-1 to your draft of Iris classifier.");
  await expect(dialog.getByRole("button", { name: "Added" })).toBeDisabled();
  await dialog.getByRole("link", { name: "Open canvas" }).click();
  await page.waitForURL(/\/pipelines\/[^/]+$/);

  // The node is on the canvas with its code in the inspector; wired to the data, its preview runs the function in the browser sandbox.
  const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
  await expect(page.getByTestId("node-custom-code-1")).toContainText("Custom code");
  await node("custom-code-1").click();
  await expect(page.getByTestId("field-code").locator("textarea")).toHaveValue(/function longPetals/);
  await expect(page.getByTestId("field-functionName").getByRole("textbox")).toHaveValue("longPetals");
  await expect(page.getByTestId("field-language").getByRole("combobox")).toHaveValue("typescript");
  const from = (await node("load").locator('.react-flow__handle-right[data-handleid="table"]').boundingBox())!;
  const to = (await node("custom-code-1").locator('.react-flow__handle-left[data-handleid="table"]').boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(page.getByTestId("compile-status")).toHaveText("Compiles");
  await page.getByRole("button", { name: "Preview custom-code-1 table" }).click();
  const preview = page.getByRole("region", { name: "Data preview" });
  await expect(preview).toContainText("100 rows × 6 columns", { timeout: 60_000 });
  await expect(preview).toContainText("petal_ratio");

  // Saved and run on a server worker, the same TypeScript runs in the server's sandbox.
  await page.getByRole("button", { name: "Save version" }).click();
  await page.getByLabel("What changed?").fill("Long petals from the notebook");
  await page.getByRole("form", { name: "Save version" }).getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("base-version")).toHaveText("v2");
  await page.getByLabel("Where to run").selectOption("server");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByTestId("run-status")).toHaveText(/succeeded|failed|cancelled/, { timeout: 90_000 });
  await expect(page.getByTestId("run-state-custom-code-1")).toHaveText("done");
  await expect(page.getByTestId("run-status")).toHaveText("succeeded");
  // The run panel takes the lower part of the canvas, where the node may now sit: close it, as a user would.
  await page.getByRole("button", { name: "Close run panel" }).click();

  // In the browser sandbox too, a wrong function name and an endless loop fail the node with clear messages.
  await node("custom-code-1").click();
  await page.getByTestId("field-functionName").getByRole("textbox").fill("longpetals");
  await page.getByRole("button", { name: "Preview custom-code-1 table" }).click();
  await expect(preview).toContainText('Custom code defines no function "longpetals"', { timeout: 30_000 });
  await page.getByTestId("field-code").locator("textarea").fill("function spin(t) {\n  while (true) {}\n}");
  await page.getByTestId("field-functionName").getByRole("textbox").fill("spin");
  await page.getByTestId("field-timeoutMs").getByRole("spinbutton").fill("1000");
  const started = Date.now();
  await page.getByRole("button", { name: "Preview custom-code-1 table" }).click();
  await expect(preview).toContainText('Custom code function "spin" did not finish within 1000 ms', { timeout: 30_000 });
  expect(Date.now() - started).toBeLessThan(15_000);

  // A viewer of the project sees the notebook but not the action.
  await page.goto(projectUrl);
  const viewer = await joinAsViewer(browser, page, "ccviewer");
  await viewer.goto(notebookUrl);
  await expect(notebookCell(viewer, 1).getByTestId("output-table")).toContainText("100 rows × 6 columns");
  await expect(viewer.getByRole("button", { name: "Make canvas node" })).toHaveCount(0);
});
