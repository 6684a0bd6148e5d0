import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { runOn, signUp, uniqueEmail } from "./helpers";

interface RunDetail {
  status: string;
  target: string;
  steps: { nodeId: string; cacheHit: boolean; metrics: Record<string, number>; artifacts: { id: string; port: string; contentHash: string }[] }[];
}

async function runDetail(page: Page, projectId: string, runId: string): Promise<RunDetail> {
  return page.evaluate(
    async ([p, r]) => {
      const input = encodeURIComponent(JSON.stringify({ json: { projectId: p, runId: r } }));
      const response = await fetch(`/api/trpc/run.get?input=${input}`);
      return ((await response.json()) as { result: { data: { json: RunDetail } } }).result.data.json;
    },
    [projectId, runId] as const,
  );
}

async function latestRunIds(page: Page, projectId: string): Promise<string[]> {
  return page.evaluate(async (p) => {
    const input = encodeURIComponent(JSON.stringify({ json: { projectId: p } }));
    const response = await fetch(`/api/trpc/run.list?input=${input}`);
    return ((await response.json()) as { result: { data: { json: { id: string }[] } } }).result.data.json.map((r) => r.id);
  }, projectId);
}

test("the iris pipeline runs in the browser and on the server with the same splits and metrics, and its model has lineage", async ({ page }) => {
  await signUp(page, uniqueEmail("runner"));
  await page.getByRole("link", { name: /Demo: Iris flowers/ }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  const projectId = /projects\/([^/]+)/.exec(page.url())![1]!;
  await page.getByRole("link", { name: /Iris classifier/ }).click();
  await expect(page.getByTestId("compile-status")).toHaveText("Compiles");

  // Server first: the browser then computes every node itself (its worker cache is empty), and the
  // server refuses an upload whose content hash differs from the stored result of the same fingerprint.
  await runOn(page, "server");
  await runOn(page, "browser");
  // Every axis label fits the chart's margin: a flat validation accuracy (0.9333…) was once labelled in full and cut off.
  const scoreTicks = page.getByRole("img", { name: /scores curves$/ }).locator('g[aria-label="y-axis tick label"] text');
  await expect(scoreTicks.first()).toBeVisible();
  for (const label of await scoreTicks.allTextContents()) expect(label.length).toBeLessThanOrEqual(6);

  const [browserRunId, serverRunId] = await latestRunIds(page, projectId);
  const server = await runDetail(page, projectId, serverRunId!);
  const browser = await runDetail(page, projectId, browserRunId!);
  expect([browser.target, server.target]).toEqual(["browser", "server"]);
  const splitHash = (run: RunDetail) => run.steps.find((s) => s.nodeId === "split")!.artifacts[0]!.contentHash;
  expect(splitHash(browser)).toBe(splitHash(server));
  expect(browser.steps.every((s) => !s.cacheHit)).toBe(true);
  const accuracy = (run: RunDetail) => run.steps.find((s) => s.nodeId === "evaluate")!.metrics["accuracy"]!;
  expect(accuracy(browser)).toBeGreaterThan(0.85);
  expect(Math.abs(accuracy(browser) - accuracy(server))).toBeLessThan(1e-3);

  await page.goto(`/projects/${projectId}/runs`);
  await expect(page.getByRole("table", { name: "Runs" }).getByText("succeeded")).toHaveCount(2);
  await page
    .getByRole("row", { name: /server/ })
    .first()
    .click();
  await page.getByRole("link", { name: "model lineage" }).click();
  await expect(page.getByRole("heading", { name: /Lineage of model\.model/ })).toBeVisible();
  await expect(page.getByTestId("lineage-params")).toContainText('"target": "species"');
  await expect(page.getByRole("region", { name: "Input datasets" })).toContainText("sample:iris");
  await expect(page.getByRole("region", { name: "Produced by" })).toContainText("v1");
});

test("a dataset uploaded to the project is previewed and trained on in the browser, pinned to its version, and read by notebook code", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, uniqueEmail("uploader"));
  await page.getByRole("link", { name: /Demo: Iris flowers/ }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  const projectId = /projects\/([^/]+)/.exec(page.url())![1]!;
  // Iris without its first 30 rows (all setosa), so the upload is told apart from the sample by its row count.
  const iris = readFileSync(new URL("../public/datasets/iris.csv", import.meta.url), "utf8")
    .trimEnd()
    .split("\n");
  const flowers = [iris[0], ...iris.slice(31)].join("\n") + "\n";
  // page.request carries the session cookie but, unlike the browser, no Origin; cookie uploads must name this site.
  const sameSite = { origin: new URL(page.url()).origin };
  const uploaded = await page.request.post(`/api/projects/${projectId}/datasets?name=flowers&fileName=flowers.csv`, { data: flowers, headers: sameSite });
  expect(uploaded.status()).toBe(201);
  const { reference, version } = (await uploaded.json()) as { reference: string; version: { id: string } };

  await page.getByRole("link", { name: /Iris classifier/ }).click();
  await page.locator('.react-flow__node[data-id="load"]').click();
  await page.getByTestId("field-dataset").getByRole("combobox").fill(reference);
  await expect(page.getByTestId("compile-status")).toHaveText("Compiles");
  await page.getByRole("button", { name: "Preview load table" }).click();
  await expect(page.getByRole("region", { name: "Data preview" })).toContainText("120 rows", { timeout: 60_000 });
  // The preview shows 20 rows; its download has all 120.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toBe("load-table.csv");
  expect((await readFile(await download.path(), "utf8")).trimEnd().split("\n")).toHaveLength(121);

  await runOn(page, "browser");
  const [runId] = await latestRunIds(page, projectId);
  const run = await runDetail(page, projectId, runId!);
  expect(run.target).toBe("browser");
  expect(run.steps.find((s) => s.nodeId === "evaluate")!.metrics["accuracy"]).toBeGreaterThan(0.85);
  // A newer upload does not change what that run read: lineage names the pinned version.
  await page.request.post(`/api/projects/${projectId}/datasets?name=flowers&fileName=flowers.csv`, { data: flowers + iris[1] + "\n", headers: sameSite });
  const lineage = await page.evaluate(
    async ([p, r]) => {
      const detail = await fetch(`/api/trpc/run.get?input=${encodeURIComponent(JSON.stringify({ json: { projectId: p, runId: r } }))}`);
      const steps = ((await detail.json()) as { result: { data: { json: RunDetail } } }).result.data.json.steps;
      const artifactId = steps.find((s) => s.nodeId === "load")!.artifacts[0]!.id;
      const response = await fetch(`/api/trpc/artifact.lineage?input=${encodeURIComponent(JSON.stringify({ json: { projectId: p, artifactId } }))}`);
      return JSON.stringify(await response.json());
    },
    [projectId, runId!] as const,
  );
  expect(lineage).toContain(version.id);

  await page.goto(`/projects/${projectId}`);
  await page.getByLabel("New notebook name").fill("Uploads");
  await page.getByRole("button", { name: "New notebook" }).click();
  await page.getByLabel("Cell 1 source").fill('const t = await vajra.dataset("flowers");\ndisplay.text(`${t.rowCount} rows`);');
  await page.getByLabel("Cell 1 source").press("Shift+Enter");
  await expect(page.getByTestId("cell-1")).toContainText("121 rows", { timeout: 60_000 });
});
