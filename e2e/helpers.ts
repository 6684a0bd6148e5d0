import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";

let counter = 0;

/** A unique address per call, so tests never collide on a reused database. */
export function uniqueEmail(name: string): string {
  counter += 1;
  return `${name}-${Date.now()}-${counter}@example.com`;
}

export async function signUp(page: Page, email: string, password = "correct horse battery", startAt = "/signup") {
  await page.goto(startAt);
  if (!page.url().includes("/signup")) {
    await page.getByRole("link", { name: "Create an account" }).click();
    // The sign-in page has Email and Password fields too: wait until the sign-up form replaced it.
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
  }
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signup"), { timeout: 60_000, waitUntil: "commit" });
}

/** From the projects list (after signing up), creates a project, opens it and returns its URL. */
export async function createProject(page: Page, name: string): Promise<string> {
  await page.getByLabel("New project").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("link", { name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  return page.url();
}

/** Creates a share link for the project open in `page` and returns its URL. */
export async function createShareLink(page: Page, role: "viewer" | "editor"): Promise<string> {
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Create link" }).click();
  return page.getByTestId("new-share-link").getByRole("textbox").inputValue();
}

/**
 * A second person joins the project open in `page` through a new viewer share link:
 * signed up in their own browser context, returned on the project page.
 */
export async function joinAsViewer(browser: Browser, page: Page, name: string, contextOptions: BrowserContextOptions = {}): Promise<Page> {
  const shareUrl = await createShareLink(page, "viewer");
  const viewer = await (await browser.newContext(contextOptions)).newPage();
  await viewer.goto(shareUrl);
  await signUp(viewer, uniqueEmail(name), undefined, viewer.url());
  await viewer.getByRole("button", { name: "Join project" }).click();
  // Joining is a mutation followed by a redirect; navigating away earlier races it and the project stays unjoined.
  await viewer.waitForURL(/\/projects\/[^/]+$/);
  return viewer;
}

/** Runs the pipeline open in `page` on `target` and waits until it succeeded and its Evaluate node reported accuracy. */
export async function runOn(page: Page, target: "browser" | "server") {
  await page.getByLabel("Where to run").selectOption(target);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("region", { name: "Run" })).toContainText(target === "browser" ? "in this browser" : "on a server worker");
  await expect(page.getByTestId("run-status")).toHaveText(/succeeded|failed|cancelled/, { timeout: 90_000 });
  if ((await page.getByTestId("run-status").textContent()) !== "succeeded") {
    throw new Error(`The ${target} run did not succeed: ${await page.getByRole("region", { name: "Run" }).innerText()}`);
  }
  await expect(page.getByTestId("run-state-evaluate")).toHaveText(/done|cached/);
  await expect(page.getByTestId("metrics-evaluate")).toContainText("accuracy");
}

/** From the projects list (after signing up), opens the demo project and returns its id. */
export async function openDemoProject(page: Page): Promise<string> {
  await page.getByRole("link", { name: /Demo: Iris flowers/ }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  return /projects\/([^/]+)/.exec(page.url())![1]!;
}

/**
 * From the demo project's page: trains two different models on a server worker, the demo pipeline
 * and then its v2 with another split seed. Runs are listed newest first, so the first model's run is
 * the second row. Leaves the pipeline editor open on v2.
 */
export async function trainTwoDemoModels(page: Page) {
  await page.getByRole("link", { name: /Iris classifier/ }).click();
  await runOn(page, "server");
  await page.locator('.react-flow__node[data-id="split"]').click();
  await page.getByTestId("field-seed").getByRole("spinbutton").fill("7");
  await page.getByRole("button", { name: "Save version" }).click();
  await page.getByLabel("What changed?").fill("Seed 7");
  await page.getByRole("form", { name: "Save version" }).getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("base-version")).toHaveText("v2");
  // A fresh page, so the run panel cannot still show the first run's status.
  await page.reload();
  await expect(page.getByTestId("base-version")).toHaveText("v2");
  await runOn(page, "server");
}

/** A tRPC mutation over HTTP from the page, with its session cookie and origin. */
export async function mutate<T>(page: Page, procedure: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([path, body]) => {
      const response = await fetch(`/api/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: body }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
      return (JSON.parse(text) as { result: { data: { json: T } } }).result.data.json;
    },
    [procedure, input] as const,
  );
}

/** A tRPC query over HTTP from the page, with its session cookie. */
export async function query<T>(page: Page, procedure: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([path, body]) => {
      const response = await fetch(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: body }))}`);
      const text = await response.text();
      if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
      return (JSON.parse(text) as { result: { data: { json: T } } }).result.data.json;
    },
    [procedure, input] as const,
  );
}
