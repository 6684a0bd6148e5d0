import { expect, test } from "@playwright/test";
import { createProject, joinAsViewer, signUp, uniqueEmail } from "./helpers";
import { cellSource, createNotebook, notebookCell, runCell } from "./notebookHelpers";

test("notebook: run cells in a worker, keep outputs across reload, interrupt a loop, TypeScript, viewers read only", async ({ browser }) => {
  // Two tabs, a viewer and a dozen cells: 70-90 s on a busy 2-core machine.
  test.setTimeout(180_000);
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await signUp(page, uniqueEmail("notebook"));
  const projectUrl = await createProject(page, "Explore");
  await createNotebook(page, "Iris notes");

  await runCell(
    page,
    1,
    `const iris = await vajra.dataset("iris");
display.table(iris);
display.plot({ type: "scatter", x: iris.column("petal_length_cm"), y: iris.column("petal_width_cm"), group: iris.column("species"), title: "Petals" });`,
  );
  // The first cell waits while a fresh browser measures its TF.js backends (once; then remembered).
  await expect(notebookCell(page, 1).getByTestId("output-table")).toContainText("150 rows × 5 columns", { timeout: 60_000 });
  await expect(notebookCell(page, 1).getByTestId("output-table")).toContainText("setosa");
  await expect(notebookCell(page, 1).getByRole("img", { name: "Petals" }).locator("circle")).toHaveCount(150);

  // Shift+Enter on the last cell opened a new one in edit mode; variables persist across cells.
  await expect(cellSource(page, 2)).toBeFocused();
  await page.keyboard.type('display.text("rows: " + iris.rowCount * 2); display.text("sum: " + tf.tensor([1, 2, 3]).sum().dataSync()[0])');
  await page.keyboard.press("Shift+Enter");
  await expect(notebookCell(page, 2).getByTestId("cell-outputs")).toContainText("rows: 300");
  await expect(notebookCell(page, 2).getByTestId("cell-outputs")).toContainText("sum: 6");

  // Errors carry the cell's line; user code cannot call the app's API with the session.
  await runCell(page, 3, "const a = 1;\nnull.boom;");
  await expect(notebookCell(page, 3).getByTestId("cell-error")).toContainText("Line 2: TypeError");
  await runCell(
    page,
    4,
    `const refused = [typeof XMLHttpRequest, typeof caches];
for (const url of ["/api/trpc/project.list", "https://example.com/"]) {
  try { await fetch(url); } catch (e) { refused.push(e.message); }
}
display.text(refused.join(" | "));`,
  );
  await expect(notebookCell(page, 4).getByTestId("cell-outputs")).toContainText("undefined | undefined | Notebook code may not call the app's API");
  await expect(notebookCell(page, 4).getByTestId("cell-outputs")).toContainText(
    "Loading code or data from other origins is not allowed in notebooks (blocked https://example.com/)",
  );

  // An endless loop is interrupted (the worker is replaced) and the next cell still runs, here as TypeScript.
  await runCell(page, 5, "while (true) {}");
  await expect(notebookCell(page, 5).getByTestId("execution-count")).toContainText("[*]");
  await page.getByRole("button", { name: "Interrupt" }).click();
  // The interrupt says what it cost: the variables earlier cells defined.
  await expect(notebookCell(page, 5).getByTestId("cell-interrupted")).toContainText("Interrupted: the kernel restarted; lost iris, a, refused.");
  await cellSource(page, 6).click();
  await page.getByLabel("Cell type").selectOption("typescript");
  await runCell(page, 6, "const answer: number = 21;\nconst double = (n: number): number => n * 2;\ndisplay.text(`answer ${double(answer)}`);");
  await expect(notebookCell(page, 6).getByTestId("cell-outputs")).toHaveText("answer 42");

  // Markdown renders when run; Restart empties the kernel's variables.
  await cellSource(page, 7).click();
  await page.getByLabel("Cell type").selectOption("markdown");
  await runCell(page, 7, "# Findings\nPetal size **separates** setosa.");
  await expect(notebookCell(page, 7).getByRole("heading", { name: "Findings" })).toBeVisible();
  await page.getByRole("button", { name: "Restart" }).click();
  await runCell(page, 8, "display.text(typeof iris)");
  await expect(notebookCell(page, 8).getByTestId("cell-outputs")).toHaveText("undefined");

  // Command mode: Esc leaves the editor, Up moves between cells, Enter edits again.
  await page.keyboard.press("Escape");
  await page.keyboard.press("ArrowUp");
  await expect(notebookCell(page, 8)).toHaveAttribute("data-selected", "true");
  await page.keyboard.press("ArrowUp");
  await expect(notebookCell(page, 7)).toHaveAttribute("data-selected", "true");
  await page.keyboard.press("Enter");
  await expect(cellSource(page, 7)).toBeFocused();

  await expect(page.getByTestId("save-state")).toHaveText("Saved");
  await page.reload();
  await expect(notebookCell(page, 1).getByTestId("output-table")).toContainText("150 rows × 5 columns");
  await expect(notebookCell(page, 1).getByRole("img", { name: "Petals" }).locator("circle")).toHaveCount(150);
  await expect(notebookCell(page, 2).getByTestId("cell-outputs")).toContainText("rows: 300");
  await expect(notebookCell(page, 7).getByRole("heading", { name: "Findings" })).toBeVisible();
  await expect(notebookCell(page, 6).getByTestId("cell-outputs")).toHaveText("answer 42");
  const notebookUrl = page.url();

  // Two tabs add cells at the same time; the server merges them by cell id and neither is lost.
  const other = await context.newPage();
  await other.goto(notebookUrl);
  await cellSource(other, 1).click();
  await other.keyboard.press("Escape");
  await other.keyboard.press("b");
  await other.keyboard.press("Enter");
  // Typed only once the new cell's editor has the focus: on a busy machine the keys otherwise land in the old cell.
  await expect(cellSource(other, 2)).toBeFocused();
  await other.keyboard.type("// from tab B");
  await cellSource(page, 6).click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("a");
  await page.keyboard.press("Enter");
  await expect(cellSource(page, 6)).toBeFocused();
  await page.keyboard.type("// from tab A");
  await expect(other.getByTestId("save-state")).toHaveText("Saved");
  await expect(page.getByTestId("save-state")).toHaveText("Saved");
  await page.reload();
  const sources = () => page.locator(".cm-content").allTextContents();
  await expect.poll(sources).toContain("// from tab A");
  expect(await sources()).toContain("// from tab B");

  // A viewer sees the saved outputs, read only.
  await page.goto(projectUrl);
  const viewer = await joinAsViewer(browser, page, "nbviewer");
  await viewer.goto(notebookUrl);
  await expect(notebookCell(viewer, 1).getByTestId("output-table")).toContainText("150 rows × 5 columns");
  await expect(cellSource(viewer, 1)).toHaveAttribute("aria-readonly", "true");
  await expect(cellSource(viewer, 1)).toHaveAttribute("contenteditable", "false");
  await expect(viewer.getByRole("button", { name: "Run all" })).toHaveCount(0);
});
