import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

test("a weak password is refused at sign-up with a clear reason", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Email").fill(uniqueEmail("weak"));
  await page.getByLabel("Password").fill("12345678");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This password is too easy to guess.")).toBeVisible();
  await expect(page).toHaveURL(/\/signup/);
});

test("repeated wrong passwords are throttled and the page says how long to wait", async ({ browser, page }) => {
  const email = uniqueEmail("throttled");
  const owner = await (await browser.newContext()).newPage();
  await signUp(owner, email);

  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  for (let i = 0; i < 10; i += 1) {
    await page.getByLabel("Password").fill(`wrong guess ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Wrong email or password.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/^Too many attempts, try again in \d+ (s|min)\.$/)).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("a session cookie copied before sign-out no longer works afterwards", async ({ browser, page }) => {
  await signUp(page, uniqueEmail("signout"));
  await expect(page.getByTestId("current-user")).toBeVisible();
  const copied = await page.context().storageState();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);

  const thief = await (await browser.newContext({ storageState: copied })).newPage();
  await thief.goto("/projects");
  await expect(thief).toHaveURL(/\/signin/);
});

test("'Sign out everywhere' ends the other browser's session too", async ({ browser, page }) => {
  const email = uniqueEmail("everywhere");
  await signUp(page, email);
  const other = await (await browser.newContext({ storageState: await page.context().storageState() })).newPage();
  await other.goto("/projects");
  await expect(other.getByTestId("current-user")).toHaveText(email);

  await page.getByRole("link", { name: "Account" }).click();
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.waitForURL(/\/signin/);

  await other.goto("/projects");
  await expect(other).toHaveURL(/\/signin/);
});

test("changing the password keeps this session and asks for a strong new one", async ({ page }) => {
  await signUp(page, uniqueEmail("change"));
  await page.goto("/settings/account");
  await page.getByLabel("Current password").fill("correct horse battery");
  await page.getByLabel("New password").fill("password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("This password is too easy to guess.")).toBeVisible();
  await page.getByLabel("New password").fill("purple elephant skyline");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText(/Password changed\./)).toBeVisible();
  await page.goto("/projects");
  await expect(page.getByTestId("current-user")).toBeVisible();
});

test("a callbackUrl that turns into another site after parsing is not followed", async ({ page, baseURL }) => {
  const email = uniqueEmail("redirect");
  await signUp(page, email);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
  const host = new URL(baseURL!).host;
  await page.goto(`/signin?callbackUrl=%2F%09%2Fevil.example%2Fx`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/projects");
  expect(new URL(page.url()).host).toBe(host);
});
