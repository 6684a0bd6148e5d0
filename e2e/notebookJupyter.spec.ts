import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { createProject, signUp, uniqueEmail } from "./helpers";
import { cellSource, createNotebook, notebookCell, runCell } from "./notebookHelpers";

test("notebook like Jupyter: last expression shown, Markdown rendered (inert), completion, backend shown, .ipynb export", async ({ page }) => {
  // Requests from the notebook's worker count too (the context sees them; the favicon's is not ours to judge here).
  const datasetErrors: string[] = [];
  page.context().on("response", (response) => {
    if (response.url().includes("/datasets") && response.status() >= 400) datasetErrors.push(`${response.status()} ${response.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().includes("dataset")) datasetErrors.push(message.text());
  });
  await signUp(page, uniqueEmail("jupyter"));
  await createProject(page, "Jupyter");
  await createNotebook(page, "Like Jupyter");

  // The value of a cell's last expression is its output; a table shows as a table.
  await runCell(page, 1, "40 + 2");
  // A fresh browser has no measured backend yet: the header says it is measuring, and the first cell waits for it.
  await expect(page.getByTestId("kernel-backend")).toContainText("measuring");
  await expect(notebookCell(page, 1).getByTestId("cell-outputs")).toHaveText("42", { timeout: 60_000 });
  await runCell(page, 2, 'await vajra.dataset("iris")');
  await expect(notebookCell(page, 2).getByTestId("output-table")).toContainText("150 rows × 5 columns");
  // The bundled sample came in one request: no 404 (and so no console error) on the way.
  expect(datasetErrors).toEqual([]);
  await expect(page.getByTestId("kernel-backend")).toContainText(/Backend: (webgpu|webgl|wasm|cpu)/);

  // Completion offers the notebook API's members after `vajra.`.
  await cellSource(page, 3).click();
  await page.keyboard.type("vajra.");
  await expect(page.locator(".cm-tooltip-autocomplete")).toContainText("dataset");
  await expect(page.locator(".cm-tooltip-autocomplete")).toContainText("artifact");
  await page.keyboard.press("Escape");
  await expect(page.locator(".cm-tooltip-autocomplete")).toHaveCount(0);

  // A Markdown heading renders as a heading, lists as lists; markup that could run script does not.
  await page.getByRole("button", { name: "Add Markdown cell" }).click();
  await runCell(page, 4, '# Title\n\n- first\n- second\n\n<img src="x" onerror="window.__pwned = true">\n\n[click](javascript:window.__pwned=true)');
  await expect(notebookCell(page, 4).getByRole("heading", { level: 1, name: "Title" })).toBeVisible();
  await expect(notebookCell(page, 4).getByRole("listitem")).toHaveText(["first", "second"]);
  await expect(notebookCell(page, 4).locator("[onerror]")).toHaveCount(0);
  await expect(notebookCell(page, 4).getByText("click")).not.toHaveAttribute("href", /javascript/);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();

  // The notebook downloads as nbformat 4 with a JavaScript kernel and the cells' outputs.
  await expect(page.getByTestId("save-state")).toHaveText("Saved");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export .ipynb" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("Like Jupyter.ipynb");
  const ipynb = JSON.parse(await readFile((await download.path())!, "utf8")) as {
    nbformat: number;
    metadata: { kernelspec: { language: string } };
    cells: { cell_type: string; source: string[]; outputs?: { text?: string[] }[] }[];
  };
  expect(ipynb.nbformat).toBe(4);
  expect(ipynb.metadata.kernelspec.language).toBe("javascript");
  expect(ipynb.cells.map((c) => c.cell_type)).toEqual(["code", "code", "code", "markdown", "code"]);
  expect(ipynb.cells[0]!.outputs).toEqual([{ output_type: "stream", name: "stdout", text: ["42"] }]);
  expect(ipynb.cells[3]!.source[0]).toBe("# Title\n");
});
