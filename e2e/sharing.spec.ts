import { expect, test } from "@playwright/test";
import { createProject, createShareLink, signUp, uniqueEmail } from "./helpers";

test("owner shares a project read-only, then revokes the link", async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const ownerEmail = uniqueEmail("owner");
  await signUp(owner, ownerEmail);
  await expect(owner.getByTestId("current-user")).toHaveText(ownerEmail);

  await expect(owner.getByRole("link", { name: /Demo: Iris flowers/ })).toBeVisible();

  await createProject(owner, "Fraud detection");
  await expect(owner.getByTestId("project-name")).toHaveText("Fraud detection");

  const shareUrl = await createShareLink(owner, "viewer");
  expect(shareUrl).toMatch(/\/share\/share_/);

  const mateContext = await browser.newContext();
  const mate = await mateContext.newPage();
  await mate.goto(shareUrl);
  // Before signing in, the link says what it invites to and who shared it.
  await expect(mate.getByRole("heading", { name: "You were invited to “Fraud detection”" })).toBeVisible();
  await expect(mate.getByText("as a viewer")).toBeVisible();
  const mateEmail = uniqueEmail("mate");
  await signUp(mate, mateEmail, undefined, mate.url());
  await expect(mate.getByRole("heading", { name: "Join “Fraud detection”" })).toBeVisible();
  await mate.getByRole("button", { name: "Join project" }).click();
  await expect(mate.getByTestId("project-name")).toHaveText("Fraud detection");
  await expect(mate.getByTestId("my-role")).toHaveText("viewer");
  await expect(mate.getByRole("button", { name: "Rename" })).toHaveCount(0);

  await owner.reload();
  await expect(owner.getByRole("table", { name: "Members" })).toContainText(mateEmail);
  await owner.getByRole("table", { name: "Share links" }).getByRole("button", { name: "Revoke" }).click();
  await expect(owner.getByRole("table", { name: "Share links" })).toContainText("revoked");

  await mate.goto(shareUrl);
  await expect(mate.getByText("This share link has been revoked")).toBeVisible();
  await expect(mate.getByRole("button", { name: "Join project" })).toHaveCount(0);

  await ownerContext.close();
  await mateContext.close();
});

test("bad sign-up and sign-in input gets clear messages", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();

  await page.goto("/signin");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
});
