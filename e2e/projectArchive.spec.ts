import { expect, test } from "@playwright/test";
import { joinAsViewer, signUp, uniqueEmail } from "./helpers";

test("exports the demo project and imports it back as a new project", async ({ browser, page }, testInfo) => {
  await signUp(page, uniqueEmail("archive"));
  await page.getByRole("link", { name: /Demo: Iris flowers/ }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  const original = page.url();
  // Viewers may look but not take a copy away.
  const viewer = await joinAsViewer(browser, page, "archive-viewer");
  await expect(viewer.getByTestId("my-role")).toHaveText("viewer");
  await expect(viewer.getByRole("link", { name: "Export project" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Export project" })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export project" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^Demo-Iris-flowers-\d{4}-\d{2}-\d{2}\.vajra\.tar\.gz$/);
  const archive = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(archive);

  await page.goto("/projects");
  // A file that is not an archive: the server's reason is shown and nothing is created.
  await page
    .getByLabel("Import project archive")
    .setInputFiles({ name: "notes.vajra.tar.gz", mimeType: "application/gzip", buffer: Buffer.from("not an archive") });
  await expect(page.getByRole("alert").filter({ hasText: "not a complete Vajra project archive" })).toBeVisible();
  await expect(page).toHaveURL(/\/projects$/);
  await page.getByLabel("Import project archive").setInputFiles(archive);
  // The user still has the original, so the copy is marked.
  await expect(page.getByTestId("project-name")).toHaveText("Demo: Iris flowers (imported)", { timeout: 60_000 });
  expect(page.url()).not.toBe(original);
  await expect(page.getByText("Iris classifier").first()).toBeVisible();
});
