import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { openDemoProject, signUp, uniqueEmail } from "./helpers";

const csv = (rows: number) => Buffer.from(["x,label", ...Array.from({ length: rows }, (_, i) => `${i},${i % 2 ? "a" : "b"}`)].join("\n") + "\n");

async function uploadArrivals(page: Page, rows: number, version: number) {
  const panel = page.locator("#datasets");
  await panel.getByLabel("Dataset file").setInputFiles({ name: "arrivals.csv", mimeType: "text/csv", buffer: csv(rows) });
  await panel.getByLabel("Dataset name").fill("arrivals");
  await panel.getByRole("button", { name: "Upload" }).click();
  await expect(panel.getByRole("status")).toContainText(`Uploaded "arrivals" as version ${version}.`);
}

test("a pipeline gets a cron schedule with its next runs, is paused and resumed, and a dataset trigger starts a scheduled run when a new version arrives", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signUp(page, uniqueEmail("schedules"));
  const projectId = await openDemoProject(page);
  await uploadArrivals(page, 10, 1);
  await page.getByRole("link", { name: /Iris classifier/ }).click();
  await page.waitForURL(/\/pipelines\/[^/]+$/);
  const pipelineUrl = page.url();

  // A cron schedule from a preset, in Berlin: the preview lists the next three Mondays at 06:00 there.
  await page.getByRole("button", { name: "Schedules" }).click();
  const dialog = page.getByRole("dialog", { name: /Schedules/ });
  await expect(dialog.getByText("No schedules yet.")).toBeVisible();
  await dialog.getByRole("button", { name: "Add schedule or trigger" }).click();
  await dialog.getByLabel("Repeat").selectOption({ label: "Every Monday 06:00" });
  await expect(dialog.getByLabel("Cron expression")).toHaveValue("0 6 * * 1");
  await dialog.getByLabel("Time zone").selectOption("Europe/Berlin");
  await expect(dialog.getByLabel("Next runs").getByRole("listitem")).toHaveCount(3);
  for (const item of await dialog.getByLabel("Next runs").getByRole("listitem").all()) await expect(item).toContainText(/^Mon, .* 06:00 Europe\/Berlin/);
  // A typo is explained before anything is saved.
  await dialog.getByLabel("Cron expression").fill("0 25 * * 1");
  await expect(dialog.getByText(/Not a valid cron expression.*hour/)).toBeVisible();
  await dialog.getByLabel("Repeat").selectOption({ label: "Every Monday 06:00" });
  await dialog.getByRole("button", { name: "Add schedule" }).click();

  const cronRow = dialog.getByRole("listitem", { name: /Every Monday 06:00/ });
  await expect(cronRow.getByTestId("schedule-next-run")).toContainText(/Next run: Mon, .* 06:00 Europe\/Berlin/);

  // Paused: no next run; resumed: the next Monday again.
  await cronRow.getByRole("button", { name: "Pause" }).click();
  await expect(cronRow).toContainText("Paused");
  await expect(cronRow.getByTestId("schedule-next-run")).toHaveCount(0);
  await cronRow.getByRole("button", { name: "Resume" }).click();
  await expect(cronRow.getByTestId("schedule-next-run")).toContainText(/06:00 Europe\/Berlin/);

  // A trigger on the arrivals dataset: nothing runs for the version it already has.
  await dialog.getByRole("button", { name: "Add schedule or trigger" }).click();
  await dialog.getByLabel("When a dataset gets a new version").check();
  await dialog.getByLabel("Dataset", { exact: true }).selectOption({ label: "arrivals" });
  await dialog.getByRole("button", { name: "Add trigger" }).click();
  await expect(dialog.getByRole("listitem", { name: "When arrivals gets a new version" })).toContainText("after v1");
  await expect(dialog.getByRole("list", { name: "Scheduled runs" })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Close" }).click();

  // A new version of the dataset: within a scheduler poll a scheduled run of the pipeline appears, and the worker runs it.
  await page.goto(`/projects/${projectId}`);
  await uploadArrivals(page, 12, 2);
  await page.goto(pipelineUrl);
  await page.getByRole("button", { name: "Schedules" }).click();
  const history = dialog.getByRole("list", { name: "Scheduled runs" });
  await expect(history.getByRole("listitem")).toHaveCount(1, { timeout: 30_000 });
  await expect(history).toContainText("for version 2");
  await expect(history.getByRole("listitem").first()).toContainText("succeeded", { timeout: 90_000 });
  await expect(dialog.getByRole("listitem", { name: "When arrivals gets a new version" })).toContainText("after v2");

  // The run page lists it as scheduled.
  await history.getByRole("link", { name: /Run of/ }).click();
  await page.waitForURL(/\/runs\?pipeline=.*&run=/);
  const runs = page.getByRole("table", { name: "Runs" });
  await expect(runs.getByRole("row").nth(1)).toContainText("scheduled");
  await expect(page.getByRole("table", { name: "Steps" })).toBeVisible();

  // Deleting asks first; the run it started stays.
  await page.goto(pipelineUrl);
  await page.getByRole("button", { name: "Schedules" }).click();
  await dialog.getByRole("listitem", { name: "When arrivals gets a new version" }).getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete schedule?" });
  await expect(confirm).toContainText("The runs it already started stay");
  await confirm.getByRole("button", { name: "Delete schedule" }).click();
  await expect(dialog.getByRole("listitem", { name: "When arrivals gets a new version" })).toHaveCount(0);
  await expect(dialog.getByRole("list", { name: "Scheduled runs" }).getByRole("listitem")).toHaveCount(1);
});

test("when a triggered run fails because the new data is broken, the project page warns about it with a link to the run", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, uniqueEmail("schedule-failure"));
  const projectId = await openDemoProject(page);
  const iris = readFileSync(new URL("../public/datasets/iris.csv", import.meta.url), "utf8")
    .trimEnd()
    .split("\n");
  const panel = page.locator("#datasets");
  const upload = async (lines: string[], version: number) => {
    await panel.getByLabel("Dataset file").setInputFiles({ name: "flowers.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n") + "\n") });
    await panel.getByLabel("Dataset name").fill("flowers");
    await panel.getByRole("button", { name: "Upload" }).click();
    await expect(panel.getByRole("status")).toContainText(`Uploaded "flowers" as version ${version}.`);
  };
  await upload(iris, 1);
  await expect(page.getByRole("region", { name: "Failing scheduled runs" })).toHaveCount(0);

  // The demo pipeline reads "flowers" from now on, and retrains whenever it gets a new version.
  await page.getByRole("link", { name: /Iris classifier/ }).click();
  await page.locator('.react-flow__node[data-id="load"]').click();
  await page.getByTestId("field-dataset").getByRole("combobox").fill("flowers");
  await expect(page.getByTestId("compile-status")).toHaveText("Compiles");
  await page.getByRole("button", { name: "Save version" }).click();
  await page.getByLabel("What changed?").fill("Read flowers");
  await page.getByRole("form", { name: "Save version" }).getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("base-version")).toHaveText("v2");
  await page.getByRole("button", { name: "Schedules" }).click();
  const dialog = page.getByRole("dialog", { name: /Schedules/ });
  await dialog.getByRole("button", { name: "Add schedule or trigger" }).click();
  await dialog.getByLabel("When a dataset gets a new version").check();
  await dialog.getByLabel("Dataset", { exact: true }).selectOption({ label: "flowers" });
  await dialog.getByRole("button", { name: "Add trigger" }).click();
  await expect(dialog.getByRole("listitem", { name: "When flowers gets a new version" })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();

  // Version 2 lost its species column: the scheduled retrain fails, and the project page says so.
  await page.goto(`/projects/${projectId}`);
  await upload(
    iris.map((line) => line.split(",").slice(0, -1).join(",")),
    2,
  );
  const warning = page.getByRole("region", { name: "Failing scheduled runs" });
  await expect(async () => {
    await page.reload();
    await expect(warning).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 90_000 });
  await expect(warning).toContainText("A scheduled pipeline is failing");
  await expect(warning).toContainText("when flowers changes");
  await warning.getByRole("link", { name: /failed/ }).click();
  await page.waitForURL(/\/runs\?pipeline=.*&run=/);
  await expect(page.getByRole("table", { name: "Runs" }).getByRole("row").nth(1)).toContainText("failed");
  await expect(page.getByRole("table", { name: "Runs" }).getByRole("row").nth(1)).toContainText("scheduled");
});
