import { expect, test, type Page } from "@playwright/test";
import { EXPRESSION_SANDBOX_SOURCE } from "../workers/browser/expressionSandboxSource";
import { createProject, signUp, uniqueEmail } from "./helpers";

// WebGPU exists in headless Chromium only behind this flag (a software adapter here), so the probe meets all four backends.
test.use({
  launchOptions: [
    async ({ launchOptions }, use) => use({ ...launchOptions, args: [...(launchOptions.args ?? []), "--enable-unsafe-webgpu"] }),
    { scope: "worker" },
  ],
});

interface ProbeRow {
  backend: string;
  samplesPerSec: number | null;
  chosen: boolean;
}

async function probeTable(page: Page): Promise<ProbeRow[]> {
  const rows = page.getByRole("table", { name: "Backend probe" }).locator("tbody tr");
  return rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = tr.querySelectorAll("td");
      const rate = cells[1]?.textContent?.replace(/,/g, "") ?? "";
      return {
        backend: cells[0]?.textContent ?? "",
        samplesPerSec: /^\d+$/.test(rate) ? Number(rate) : null,
        chosen: tr.getAttribute("data-chosen") === "true",
      };
    }),
  );
}

async function openComputeSettings(page: Page) {
  await signUp(page, uniqueEmail("compute"));
  await page.goto("/settings/compute");
  await expect(page.getByRole("heading", { name: "Compute" })).toBeVisible();
  // The page probes on open: the table appears when that probe is done.
  await expect(page.getByRole("table", { name: "Backend probe" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("button", { name: "Run probe again" })).toBeEnabled();
}

test("the compute page measures every backend and trains on the fastest one that worked, or the pinned one", async ({ page }) => {
  test.setTimeout(180_000);
  await openComputeSettings(page);
  const first = await probeTable(page);
  console.log(`probe: ${first.map((r) => `${r.backend}=${r.samplesPerSec ?? "error"}`).join(" ")}`);
  expect(first.map((r) => r.backend)).toEqual(["webgpu", "webgl", "wasm", "cpu"]);
  expect(first.find((r) => r.backend === "wasm")?.samplesPerSec).toBeGreaterThan(0);
  const chosen = first.filter((r) => r.chosen);
  expect(chosen).toHaveLength(1);
  expect(chosen[0]!.samplesPerSec).toBeGreaterThan(0);
  expect(chosen[0]!.samplesPerSec).toBe(Math.max(...first.map((r) => r.samplesPerSec ?? 0)));
  await expect(page.getByTestId("active-backend")).toHaveText(chosen[0]!.backend);

  await page.getByRole("button", { name: "Run probe again" }).click();
  await expect(page.getByRole("button", { name: "Measuring…" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Run probe again" })).toBeEnabled({ timeout: 60_000 });
  const again = await probeTable(page);
  expect(again.find((r) => r.backend === "wasm")?.samplesPerSec).toBeGreaterThan(0);
  const chosenAgain = again.find((r) => r.chosen)!;
  await expect(page.getByTestId("active-backend")).toHaveText(chosenAgain.backend);

  // Pinning a backend applies at once and survives a reload (it lives in this browser's storage).
  await page.getByLabel("Backend", { exact: true }).selectOption("cpu");
  await expect(page.getByTestId("active-backend")).toHaveText("cpu");
  await page.reload();
  await expect(page.getByLabel("Backend", { exact: true })).toHaveValue("cpu");
  await expect(page.getByRole("table", { name: "Backend probe" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("active-backend")).toHaveText("cpu");
  await expect(page.getByText("(pinned)")).toBeVisible();

  await page.getByLabel("Backend", { exact: true }).selectOption("auto");
  const fastest = (await probeTable(page)).find((r) => r.chosen)!.backend;
  await expect(page.getByTestId("active-backend")).toHaveText(fastest);
  await expect(page.getByText("(pinned)")).toBeHidden();
});

test("the test pipeline trains iris in a worker while the page keeps drawing frames, then reuses its cache", async ({ page }) => {
  test.setTimeout(180_000);
  await openComputeSettings(page);

  // Longest gap between animation frames while training: a page thread that trained would stall here.
  await page.evaluate(() => {
    const frames = { count: 0, longestGapMs: 0, last: performance.now() };
    Object.assign(window, { __frames: frames });
    const tick = (now: number) => {
      frames.longestGapMs = Math.max(frames.longestGapMs, now - frames.last);
      frames.last = now;
      frames.count += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const frames = () => page.evaluate(() => (window as unknown as { __frames: { count: number; longestGapMs: number } }).__frames);

  const started = Date.now();
  const before = await frames();
  await page.getByRole("button", { name: "Run a test pipeline" }).click();
  await expect(page.getByTestId("self-check-progress")).toContainText(/epoch \d+/);
  const result = page.getByTestId("self-check-result");
  await expect(result).toHaveAttribute("data-status", "succeeded", { timeout: 120_000 });
  const seconds = (Date.now() - started) / 1000;
  const after = await frames();
  const rate = (after.count - before.count) / seconds;
  console.log(`iris in the browser: ${seconds.toFixed(1)} s, ${rate.toFixed(0)} frames/s, longest frame gap ${after.longestGapMs.toFixed(0)} ms`);
  expect(Number(await page.getByTestId("accuracy-mlp").textContent())).toBeGreaterThanOrEqual(0.9);
  expect(Number(await page.getByTestId("accuracy-gbt").textContent())).toBeGreaterThanOrEqual(0.9);
  expect(rate).toBeGreaterThan(20);
  expect(after.longestGapMs).toBeLessThan(500);

  // Same spec again: every step comes from the worker's cache.
  await page.getByRole("button", { name: "Run a test pipeline" }).click();
  await expect(result).toContainText("6 of 6 steps reused from the previous run", { timeout: 30_000 });
  expect(Number(await page.getByTestId("accuracy-mlp").textContent())).toBeGreaterThanOrEqual(0.9);
});

test("a test pipeline can be cancelled mid-training, and the next one still runs", async ({ page }) => {
  test.setTimeout(180_000);
  await openComputeSettings(page);
  await page.getByRole("button", { name: "Run a test pipeline" }).click();
  await expect(page.getByTestId("self-check-progress")).toContainText(/epoch \d+/);
  const cancelled = Date.now();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("self-check-result")).toHaveAttribute("data-status", "cancelled", { timeout: 15_000 });
  console.log(`cancelled after ${Date.now() - cancelled} ms`);

  // Cancelling is cooperative: the worker and what it had finished (at least load and split) are kept.
  await page.getByRole("button", { name: "Run a test pipeline" }).click();
  await expect(page.getByTestId("self-check-result")).toHaveAttribute("data-status", "succeeded", { timeout: 120_000 });
  await expect(page.getByTestId("self-check-result")).toContainText(/[2-5] of 6 steps reused/);
});

/** Messages the labeling-function sandbox script posts for one evaluation, run in the app's page as the run worker runs it. */
async function sandboxMessages(page: Page, expressions: string[], rows: Record<string, unknown>[]): Promise<unknown[]> {
  return page.evaluate(
    ({ source, functions, rowsJson }) =>
      new Promise<unknown[]>((resolve) => {
        const worker = new Worker(`data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`);
        const messages: { type: string }[] = [];
        const finish = () => {
          worker.terminate();
          resolve(messages);
        };
        setTimeout(finish, 3000);
        worker.onmessage = (event: MessageEvent<{ type: string }>) => {
          messages.push(event.data);
          if (event.data.type !== "start" && event.data.type !== "result") finish();
        };
        worker.postMessage({ functions, rowsJson });
      }),
    { source: EXPRESSION_SANDBOX_SOURCE, functions: expressions.map((expression, i) => ({ name: `lf${i}`, expression })), rowsJson: JSON.stringify(rows) },
  );
}

test("labeling-function expressions run in an opaque-origin sandbox without network or storage", async ({ browser }) => {
  // The app starts this sandbox from its run and preview workers, whose policy (WORKER_CSP in
  // next.config.js) allows eval. Started from the page, the data: worker would inherit the page's
  // nonce CSP instead, which does not; so this page leaves its CSP aside to stand in for the worker.
  const page = await (await browser.newContext({ bypassCSP: true })).newPage();
  await signUp(page, uniqueEmail("sandbox"));
  await page.goto("/settings/compute");
  const rows = [
    { review: "short", stars: 2 },
    { review: "a much longer review", stars: 5 },
    { review: null, stars: null },
  ];

  expect(await sandboxMessages(page, ['row.stars >= 4 ? "great" : undefined', 'row.review === "short" ? "other" : null'], rows)).toEqual([
    { type: "start", name: "lf0" },
    { type: "result", values: [null, "great", null] },
    { type: "start", name: "lf1" },
    { type: "result", values: ["other", null, null] },
    { type: "done" },
  ]);

  const reach =
    "[self.origin, typeof fetch, typeof XMLHttpRequest, typeof WebSocket, typeof importScripts, typeof indexedDB, typeof caches, typeof Worker, typeof navigator, typeof location].join()";
  expect(await sandboxMessages(page, [reach], rows.slice(0, 1))).toContainEqual({
    type: "result",
    values: ["null,undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined"],
  });

  expect(await sandboxMessages(page, ["row.missing.field"], rows)).toContainEqual(
    expect.objectContaining({ type: "failed", reason: "throw", row: 0, detail: expect.stringContaining("Cannot read properties of undefined") }),
  );
  expect(await sandboxMessages(page, ["row.stars > 3 ? 1 : null"], rows)).toContainEqual({ type: "failed", reason: "type", row: 1, detail: "number" });
  expect(await sandboxMessages(page, ["row.stars >"], rows)).toContainEqual(
    expect.objectContaining({ type: "error", message: expect.stringContaining('Labeling function "lf0" does not compile') }),
  );
});

test("a labeling-function expression runs in the browser sandbox when its votes are previewed, and a runaway one is stopped", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  await signUp(page, uniqueEmail("labels"));
  await createProject(page, "Labels");
  await page.getByLabel("New pipeline name").fill("Expression rules");
  await page.getByRole("button", { name: "New pipeline" }).click();

  const canvas = page.getByTestId("canvas");
  await page.getByTestId("palette-load").dragTo(canvas, { targetPosition: { x: 150, y: 150 } });
  await page.getByTestId("palette-labeling-functions").dragTo(canvas, { targetPosition: { x: 500, y: 150 } });
  const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
  await node("load-1").click();
  await page.getByTestId("field-dataset").getByRole("combobox").fill("sample:iris");
  const from = (await node("load-1").locator('.react-flow__handle-right[data-handleid="table"]').boundingBox())!;
  const to = (await node("labeling-functions-1").locator('.react-flow__handle-left[data-handleid="table"]').boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();

  const setFunctions = async (expression: string) => {
    await node("labeling-functions-1").click();
    await page
      .getByTestId("field-functions")
      .locator("textarea")
      .fill(JSON.stringify([{ name: "short_petals", kind: "expression", expression }]));
  };
  await setFunctions('row.petal_length_cm < 2.5 ? "setosa" : null');
  const classes = page.getByTestId("field-classes").getByRole("textbox");
  await classes.fill("setosa, other");
  await classes.blur();
  await page.getByTestId("field-timeoutMs").getByRole("spinbutton").fill("1000");
  await expect(page.getByTestId("compile-status")).toHaveText("Compiles");

  // Iris has 50 setosa of 150 rows, and only setosa has petals shorter than 2.5 cm.
  await page.getByRole("button", { name: "Preview labeling-functions-1 votes" }).click();
  const analysis = page.getByRole("table", { name: "Labeling function analysis" });
  await expect(analysis).toContainText("short_petals", { timeout: 60_000 });
  await expect(analysis).toContainText("33.3%");

  await setFunctions("(() => { while (true) {} })()");
  const started = Date.now();
  await page.getByRole("button", { name: "Preview labeling-functions-1 votes" }).click();
  await expect(page.getByRole("region", { name: "Data preview" })).toContainText('Labeling function "short_petals" did not finish within 1000 ms', {
    timeout: 30_000,
  });
  expect(Date.now() - started).toBeLessThan(15_000);
});
