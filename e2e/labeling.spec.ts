import { expect, test, type Browser, type Page } from "@playwright/test";
import { samplerGraph } from "../server/testing/samplerGraph";
import { createProject, createShareLink, mutate, query, signUp, uniqueEmail } from "./helpers";

const QUEUE = "iris labels";
const ROWS = 20;

/** A teammate joins the project open in `owner` through an editor share link, in a browser context of their own. */
async function joinAsEditor(browser: Browser, owner: Page): Promise<Page> {
  const shareUrl = await createShareLink(owner, "editor");
  const mate = await (await browser.newContext()).newPage();
  await mate.goto(shareUrl);
  await signUp(mate, uniqueEmail("labeler"), undefined, mate.url());
  await mate.getByRole("button", { name: "Join project" }).click();
  await mate.waitForURL(/\/projects\/[^/]+$/);
  return mate;
}

const card = (page: Page) => page.getByLabel("Row to label");

/** The id of the row on screen, or null once nothing is left for this labeler. */
async function shownItem(page: Page): Promise<string | null> {
  const done = page.getByText("Nothing left for you to label in this queue");
  await expect(card(page).or(done)).toBeVisible({ timeout: 15_000 });
  if (await done.isVisible()) return null;
  return card(page).getAttribute("data-item-id");
}

/** Waits until the row on screen is no longer `itemId` (the next one, or none left). */
async function movedOn(page: Page, itemId: string) {
  await page.waitForFunction((id) => document.querySelector("[data-item-id]")?.getAttribute("data-item-id") !== id, itemId, { timeout: 15_000 });
}

/** Labels rows by pressing 1, 2, 3 in turn until none is left for this labeler; the rows it labelled. */
async function labelByKeys(page: Page, startKey: number): Promise<string[]> {
  const labelled: string[] = [];
  for (let key = startKey; ; key++) {
    const itemId = await shownItem(page);
    if (itemId === null) return labelled;
    await page.keyboard.press(String((key % 3) + 1));
    await movedOn(page, itemId);
    labelled.push(itemId);
  }
}

test("two editors label a queue of 20 sampled rows at once by keyboard: no row twice, all 20 labels stored", async ({ browser }) => {
  test.setTimeout(180_000);
  const owner = await (await browser.newContext()).newPage();
  await signUp(owner, uniqueEmail("labeling-owner"));
  const projectUrl = await createProject(owner, "Active iris");
  const projectId = /projects\/([^/]+)/.exec(projectUrl)![1]!;

  // Empty state first: the project says what fills a queue.
  await owner.goto(`${projectUrl}/labeling`);
  await expect(owner.getByText("No labeling queues yet")).toBeVisible();
  await expect(owner.getByText("Uncertainty sampler", { exact: true })).toBeVisible();

  // A real server run of a pipeline whose Uncertainty sampler sends 20 rows to the queue.
  const pipeline = await mutate<{ id: string }>(owner, "pipeline.create", { projectId, name: "Iris sampler" });
  await mutate(owner, "pipeline.saveVersion", {
    projectId,
    pipelineId: pipeline.id,
    graph: samplerGraph({ queue: QUEUE, batchSize: ROWS }),
    message: "sampler",
    baseVersionId: null,
  });
  await mutate(owner, "run.start", { projectId, pipelineId: pipeline.id, target: "server" });
  await expect(async () => {
    await owner.reload();
    await expect(owner.getByRole("table", { name: "Labeling queues" })).toContainText(`${ROWS} to label`, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });

  await owner.goto(projectUrl);
  const mate = await joinAsEditor(browser, owner);
  await expect(mate.getByRole("region", { name: "Labeling" })).toContainText(QUEUE);
  await mate.getByRole("region", { name: "Labeling" }).getByRole("link", { name: QUEUE }).click();
  await owner.goto(`${projectUrl}/labeling`);
  await owner.getByRole("link", { name: QUEUE }).click();
  await owner.waitForURL(/\/labeling\/[^/]+$/);
  const queueId = /labeling\/([^/?]+)/.exec(owner.url())![1]!;

  // The card, the model's guess and one key per class.
  await expect(card(owner)).toBeVisible();
  await expect(owner.getByLabel("Model's guess")).toContainText("% confident");
  await expect(owner.getByRole("group", { name: "Classes" }).getByRole("button")).toHaveCount(3);
  await expect(owner.getByRole("button", { name: /^1/ })).toBeVisible();

  // Undo by key: Z brings the row just labelled back to the same labeler.
  const first = (await shownItem(owner))!;
  await owner.keyboard.press("1");
  await movedOn(owner, first);
  await owner.keyboard.press("z");
  await expect(card(owner)).toHaveAttribute("data-item-id", first);
  await expect(owner.getByText("Took back your label")).toBeVisible();

  const [byOwner, byMate] = await Promise.all([labelByKeys(owner, 0), labelByKeys(mate, 1)]);
  const all = [...byOwner, ...byMate];
  expect(new Set(all).size).toBe(all.length);
  expect(all).toHaveLength(ROWS);
  expect(byMate.length).toBeGreaterThan(0);
  expect(byOwner.length).toBeGreaterThan(0);

  const detail = await query<{ counts: { open: number; labelled: number; skipped: number }; labelers: { labels: number }[]; pendingLabels: number }>(
    owner,
    "labeling.queue",
    { projectId, queueId },
  );
  expect(detail.counts).toEqual({ open: 0, labelled: ROWS, skipped: 0 });
  expect(detail.pendingLabels).toBe(ROWS);
  expect(detail.labelers.map((l) => l.labels).sort()).toEqual([byOwner.length, byMate.length].sort());
  await expect(owner.getByText(`${ROWS} / ${ROWS} done in this round`)).toBeVisible({ timeout: 10_000 });

  // Commit, with a confirmation: the labels become version 1 of the labelled dataset.
  await owner.getByRole("button", { name: `Commit ${ROWS} labels` }).click();
  await owner.getByRole("dialog").getByRole("button", { name: "Commit" }).click();
  await expect(owner.getByText(`${QUEUE} v1 holds ${ROWS} labelled rows`)).toBeVisible();
  await expect(owner.getByRole("button", { name: "Commit 0 labels" })).toBeDisabled();

  // Close the loop: retrain on a server worker, then the round's test accuracy joins the learning curve and round 2 is queued.
  await owner.getByRole("button", { name: "Retrain and sample again" }).click();
  await expect(owner.getByRole("dialog")).toContainText("Iris sampler");
  await owner.getByRole("dialog").getByRole("button", { name: "Retrain" }).click();
  await expect(owner.getByText(`Round 1 started with ${ROWS} labels`)).toBeVisible();
  await expect(owner.getByRole("link", { name: "Follow the run" })).toHaveAttribute("href", /\/runs\?run=/);
  await expect(owner.getByRole("table", { name: "Rounds" })).toContainText("succeeded", { timeout: 60_000 });
  await expect(owner.getByRole("table", { name: "Rounds" })).toContainText(/0\.\d{3}|1\.000/);
  await expect(owner.getByRole("figure").or(owner.getByLabel("Test accuracy by number of labels")).first()).toBeVisible();
  await expect(owner.getByRole("heading", { name: "Round 2" })).toBeVisible({ timeout: 15_000 });
  // The owner had nothing left; the new round's rows come to them without a reload.
  await expect(card(owner)).toBeVisible();
  await mate.reload();
  await expect(card(mate)).toBeVisible();
});
