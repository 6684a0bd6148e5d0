import { expect, test, type Page } from "@playwright/test";
import { DEMO_PIPELINE_GRAPH } from "../server/projects/demoPipeline";
import { joinAsViewer, mutate, signUp, uniqueEmail } from "./helpers";

/**
 * The demo's iris pipeline with a wide neural network trained one row per step for 1000 epochs: minutes of work, so the
 * first run holds the one in-process worker while the test looks at the runs queued behind it.
 */
const SLOW_GRAPH = {
  ...DEMO_PIPELINE_GRAPH,
  nodes: DEMO_PIPELINE_GRAPH.nodes.map((node) =>
    node.id === "model" ? { ...node, kind: "mlp", params: { target: "species", epochs: 1000, batchSize: 1, hiddenLayers: 4, hiddenUnits: 512 } } : node,
  ),
};

const runRow = (page: Page, runId: string) => page.getByRole("row").filter({ has: page.getByLabel(`Compare run ${runId}`) });

test("queued server runs show their place in the queue; their starter moves one to the front and cancels others, a viewer only sees", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await signUp(page, uniqueEmail("queuer"));
  await page.getByRole("link", { name: /Demo: Iris flowers/ }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  const projectUrl = page.url();
  const projectId = /projects\/([^/]+)/.exec(projectUrl)![1]!;
  const pipeline = await mutate<{ id: string; compiled: boolean }>(page, "pipeline.import", {
    projectId,
    name: "Slow network",
    fileName: "slow.json",
    document: SLOW_GRAPH,
  });
  expect(pipeline.compiled).toBe(true);

  // The project's cap is 2: the first run goes to the worker, the second waits for it, the last two wait in the project's queue.
  const runIds: string[] = [];
  for (const lane of ["interactive", "interactive", "interactive", "batch"]) {
    const started = await mutate<{ runId: string }>(page, "run.start", { projectId, pipelineId: pipeline.id, target: "server", lane });
    runIds.push(started.runId);
  }
  const [first, second, third, fourth] = runIds as [string, string, string, string];
  try {
    await page.goto(`/projects/${projectId}/runs`);
    await expect(runRow(page, first)).toContainText("running", { timeout: 60_000 });
    await expect(page.getByTestId(`queue-position-${second}`)).toHaveText("#1 waiting for a worker");
    await expect(page.getByTestId(`queue-position-${third}`)).toHaveText("#1 in this project's queue");
    await expect(page.getByTestId(`queue-position-${fourth}`)).toHaveText("#2 in this project's queue");
    await expect(runRow(page, fourth)).toContainText("batch");
    // The first in line has nowhere to move; running and admitted runs can only be cancelled.
    await expect(runRow(page, third).getByRole("button", { name: "Move to front" })).toHaveCount(0);
    await expect(runRow(page, second).getByRole("button", { name: "Move to front" })).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath("runs-queue.png"), fullPage: true });

    await runRow(page, fourth).getByRole("button", { name: "Move to front" }).click();
    await expect(runRow(page, fourth)).toContainText("Moved to the front of this project's queue.");
    await expect(page.getByTestId(`queue-position-${fourth}`)).toHaveText("#1 in this project's queue");
    await expect(page.getByTestId(`queue-position-${third}`)).toHaveText("#2 in this project's queue");

    // Cancelling asks first, and "Keep it" keeps the run.
    await runRow(page, third).getByRole("button", { name: "Cancel", exact: true }).click();
    await expect(runRow(page, third)).toContainText("Cancel this queued run? It will not run.");
    await runRow(page, third).getByRole("button", { name: "Keep it" }).click();
    await expect(page.getByTestId(`queue-position-${third}`)).toHaveText("#2 in this project's queue");
    await runRow(page, third).getByRole("button", { name: "Cancel", exact: true }).click();
    await runRow(page, third).getByRole("button", { name: "Cancel run" }).click();
    await expect(runRow(page, third)).toContainText("cancelled", { timeout: 30_000 });
    await expect(page.getByTestId(`queue-position-${third}`)).toHaveCount(0);

    // Stopping the running one frees a project slot: the run moved to the front is handed to the workers next.
    await runRow(page, first).getByRole("button", { name: "Cancel", exact: true }).click();
    await expect(runRow(page, first)).toContainText("Stop this run? Its work so far is lost.");
    await runRow(page, first).getByRole("button", { name: "Cancel run" }).click();
    await expect(runRow(page, first)).toContainText("cancelled", { timeout: 30_000 });
    await expect(page.getByTestId(`queue-position-${fourth}`)).toHaveText(/waiting for a worker/);
    await expect(runRow(page, fourth)).not.toContainText("Moved to the front");

    // A viewer sees where runs stand but gets no buttons to change them.
    await page.goto(projectUrl);
    const viewer = await joinAsViewer(browser, page, "queue-viewer");
    await viewer.goto(`/projects/${projectId}/runs`);
    await expect(viewer.getByTestId(`queue-position-${fourth}`)).toHaveText(/waiting for a worker/);
    await expect(viewer.getByRole("table", { name: "Runs" })).toContainText("cancelled");
    await expect(viewer.getByRole("button", { name: /Cancel|Move to front/ })).toHaveCount(0);
    await viewer.context().close();
  } finally {
    // Leave the worker idle for the specs after this one, passed or not: a failure here must not
    // leave the thousand-epoch network holding the in-process worker for the rest of the suite.
    for (const runId of runIds) await mutate(page, "run.cancel", { projectId, runId }).catch(() => undefined);
  }
});
