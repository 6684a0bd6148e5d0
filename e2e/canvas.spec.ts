import { expect, test, type Locator, type Page } from "@playwright/test";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createProject, joinAsViewer, signUp, uniqueEmail } from "./helpers";

const run = promisify(execFile);

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (page: Page, id: string, port: string, type: "source" | "target") =>
  node(page, id).locator(`.react-flow__handle-${type === "source" ? "right" : "left"}[data-handleid="${port}"]`);

async function dragBetween(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

async function addFromPalette(page: Page, kind: string, x: number, y: number) {
  const canvas = page.getByTestId("canvas");
  await page.getByTestId(`palette-${kind}`).dragTo(canvas, { targetPosition: { x, y } });
}

async function connect(page: Page, source: string, output: string, target: string, input: string) {
  await dragBetween(page, handle(page, source, output, "source"), handle(page, target, input, "target"));
}

/** Node positions (flow coordinates, from each node's transform) and edge ids: what must survive a reload. */
async function graphSnapshot(page: Page) {
  return page.evaluate(() => ({
    nodes: [...document.querySelectorAll<HTMLElement>(".react-flow__node")].map((n) => `${n.dataset["id"]} ${n.style.transform}`).sort(),
    edges: [...document.querySelectorAll(".react-flow__edge")].map((e) => e.getAttribute("data-testid")).sort(),
  }));
}

test("build, save and reload a pipeline; refuse bad wiring; undo a delete; export a spec the CLI runs; viewers read only", async ({ browser }) => {
  const ownerContext = await browser.newContext({ acceptDownloads: true, viewport: { width: 1500, height: 900 } });
  const page = await ownerContext.newPage();
  await signUp(page, uniqueEmail("builder"));
  await createProject(page, "Canvas");
  await page.getByLabel("New pipeline name").fill("Iris from scratch");
  await page.getByRole("button", { name: "New pipeline" }).click();
  await expect(page.getByTestId("pipeline-name")).toHaveText("Iris from scratch");
  const projectUrl = page.url().replace(/\/pipelines\/.*/, "");

  await addFromPalette(page, "load", 120, 150);
  await addFromPalette(page, "split", 400, 150);
  await addFromPalette(page, "gradient-boosting", 680, 60);
  await addFromPalette(page, "evaluate", 960, 150);
  await expect(page.locator(".react-flow__node")).toHaveCount(4);

  await node(page, "load-1").click();
  await page.getByTestId("field-dataset").getByRole("combobox").fill("sample:iris");
  await connect(page, "load-1", "table", "split-1", "table");
  await connect(page, "split-1", "split", "gradient-boosting-1", "data");
  await connect(page, "gradient-boosting-1", "model", "evaluate-1", "model");
  await connect(page, "split-1", "split", "evaluate-1", "data");
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);

  // The model has no target yet: the compiler says so on the node and on the field.
  await expect(page.getByTestId("diagnostics-gradient-boosting-1")).toBeVisible();
  await node(page, "gradient-boosting-1").click();
  const target = page.getByTestId("field-target").getByRole("combobox");
  await expect(target.locator("option")).toContainText(["species · category"]);
  await target.selectOption("species");
  await expect(page.getByTestId("compile-status")).toHaveText("Compiles");

  // A Split output cannot feed a Model input, and an input takes one edge: both refused, with the reason.
  await connect(page, "split-1", "split", "evaluate-1", "model");
  await expect(page.getByTestId("toast")).toContainText('A Split output cannot feed the Model input "model"');
  await connect(page, "load-1", "table", "split-1", "table");
  await expect(page.getByTestId("toast")).toContainText('Input "table" is already connected');
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);

  // Delete a wired node, then undo: it comes back with its three edges.
  await node(page, "split-1").click();
  await page.keyboard.press("Delete");
  await expect(page.locator(".react-flow__node")).toHaveCount(3);
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  await page.keyboard.press("Control+z");
  await expect(page.locator(".react-flow__node")).toHaveCount(4);
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);

  const before = await graphSnapshot(page);
  await page.getByRole("button", { name: "Save version" }).click();
  await page.getByLabel("What changed?").fill("First iris pipeline");
  await page.getByRole("form", { name: "Save version" }).getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("base-version")).toHaveText("v1");

  await page.reload();
  await expect(page.locator(".react-flow__node")).toHaveCount(4);
  expect(await graphSnapshot(page)).toEqual(before);
  await node(page, "gradient-boosting-1").click();
  await expect(page.getByTestId("field-target").getByRole("combobox")).toHaveValue("species");

  // The exported spec runs unchanged with the engine's CLI.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export spec" }).click();
  const file = path.join(mkdtempSync(path.join(tmpdir(), "vajra-spec-")), "iris.spec.json");
  await (await downloadPromise).saveAs(file);
  const { stdout } = await run(process.execPath, ["bin/vajra.mjs", "run", file, "--json"], { timeout: 120_000 });
  const accuracy = Number(/"accuracy":\s*([0-9.]+)/.exec(stdout)?.[1]);
  expect(accuracy).toBeGreaterThan(0.8);

  // A viewer sees the canvas but cannot move or edit nodes.
  await page.goto(projectUrl);
  const viewer = await joinAsViewer(browser, page, "viewer", { viewport: { width: 1500, height: 900 } });
  await viewer.getByRole("link", { name: /Iris from scratch/ }).click();
  await expect(viewer.getByTestId("base-version")).toHaveText("v1 · read-only");
  await expect(viewer.getByRole("complementary", { name: "Node palette" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Save version" })).toHaveCount(0);
  const frozen = await graphSnapshot(viewer);
  const box = (await node(viewer, "split-1").boundingBox())!;
  await viewer.mouse.move(box.x + 40, box.y + 10);
  await viewer.mouse.down();
  await viewer.mouse.move(box.x + 240, box.y + 200, { steps: 10 });
  await viewer.mouse.up();
  expect(await graphSnapshot(viewer)).toEqual(frozen);
  await node(viewer, "gradient-boosting-1").click();
  await expect(viewer.getByTestId("field-target").getByRole("combobox")).toBeDisabled();
  await viewer.keyboard.press("Delete");
  await expect(viewer.locator(".react-flow__node")).toHaveCount(4);

  await ownerContext.close();
  await viewer.context().close();
});
