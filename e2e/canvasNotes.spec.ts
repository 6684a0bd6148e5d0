import { expect, test } from "@playwright/test";
import { createProject, joinAsViewer, signUp, uniqueEmail } from "./helpers";

test("sticky notes: add with N and the toolbar, type, undo, keep through a version and a reload; viewers read them only", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await signUp(page, uniqueEmail("notes"));
  await createProject(page, "Notes");
  await page.getByLabel("New pipeline name").fill("Annotated");
  await page.getByRole("button", { name: "New pipeline" }).click();
  await expect(page.getByTestId("pipeline-name")).toHaveText("Annotated");

  await page.getByTestId("canvas").click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("n");
  await expect(page.getByTestId("note-note-1")).toBeVisible();
  // The new note has the caret: typing goes straight into it.
  await page.keyboard.type("Split seed fixed for the report");
  await expect(page.getByTestId("note-note-1").getByLabel("Note text")).toHaveValue("Split seed fixed for the report");
  // Typing N in the note adds no note.
  await page.getByTestId("note-note-1").getByLabel("Note text").press("n");
  await expect(page.locator('[data-testid^="note-note-"]')).toHaveCount(1);

  await page.getByRole("button", { name: "Note", exact: true }).click();
  await expect(page.getByTestId("note-note-2")).toBeVisible();
  // The second note is placed beside the first, not over it.
  const [first, second] = await Promise.all([page.getByTestId("note-note-1").boundingBox(), page.getByTestId("note-note-2").boundingBox()]);
  expect(
    first &&
      second &&
      (second.y >= first.y + first.height || second.y + second.height <= first.y || second.x >= first.x + first.width || second.x + second.width <= first.x),
  ).toBe(true);
  await page.getByTestId("note-note-2").getByRole("button", { name: "Delete note" }).click();
  await expect(page.getByTestId("note-note-2")).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByTestId("note-note-2")).toBeVisible();
  await page.getByTestId("note-note-2").getByRole("button", { name: "Colour blue" }).click();
  await expect(page.getByTestId("note-note-2")).toHaveClass(/bg-sky-50/);

  await page.getByRole("button", { name: "Save version" }).click();
  await page.getByLabel("What changed?").fill("Notes");
  await page.getByRole("form", { name: "Save version" }).getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("base-version")).toHaveText("v1");
  await page.reload();
  await expect(page.getByTestId("note-note-1").getByLabel("Note text")).toHaveValue("Split seed fixed for the reportn");
  await expect(page.getByTestId("note-note-2")).toHaveClass(/bg-sky-50/);

  await page.goto(page.url().replace(/\/pipelines\/.*/, ""));
  const viewer = await joinAsViewer(browser, page, "note-viewer", { viewport: { width: 1280, height: 720 } });
  await viewer.getByRole("link", { name: /Annotated/ }).click();
  await expect(viewer.getByTestId("note-note-1")).toContainText("Split seed fixed for the report");
  await expect(viewer.getByTestId("note-note-1").getByLabel("Note text")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Delete note" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Note", exact: true })).toHaveCount(0);
  await viewer.keyboard.press("n");
  await expect(viewer.locator('[data-testid^="note-note-"]')).toHaveCount(2);
});
