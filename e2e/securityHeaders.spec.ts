import { expect, test, type Page } from "@playwright/test";
import { createProject, signUp, uniqueEmail } from "./helpers";

/** Collects what the browser reports when the page's CSP blocks something, and uncaught errors. */
function watchViolations(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

test("pages send a nonce CSP, no framing, nosniff and a same-origin referrer policy", async ({ page }) => {
  const problems = watchViolations(page);
  const response = await page.goto("/signin");
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).toContain("'wasm-unsafe-eval'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  // Cross-origin isolated, so that tree models train on Web Workers sharing memory.
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["cross-origin-embedder-policy"]).toBe("require-corp");
  expect(await page.evaluate("crossOriginIsolated")).toBe(true);

  // Next.js put this response's nonce on its scripts, and the page hydrated (the form works).
  const html = await response!.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();

  // The page names an icon that loads (no favicon 404 in every tab), within the same policy.
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  const iconResponse = await page.request.get(icon!);
  expect(iconResponse.status()).toBe(200);
  expect(iconResponse.headers()["content-type"]).toContain("image/svg+xml");

  // A fresh nonce per response.
  const again = await page.request.get("/signin");
  expect(again.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  expect(problems).toEqual([]);
});

test("another site cannot frame Vajra", async ({ page, baseURL }) => {
  await page.route("http://evil.example/", (route) =>
    route.fulfill({ contentType: "text/html", body: `<iframe id="victim" src="${baseURL}/signin"></iframe>` }),
  );
  await page.goto("http://evil.example/");
  await expect(page.locator("#victim")).toBeAttached();
  // The framed document never renders the sign-in form (Chromium shows its own error page instead).
  await page.waitForTimeout(1500);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame).toBeDefined();
  expect(await frame!.getByLabel("Email").count()).toBe(0);
});

test("API responses and static files carry the headers too, and the app's pages run under the policy", async ({ page }) => {
  const problems = watchViolations(page);
  const api = await page.request.get("/api/auth/csrf");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["x-frame-options"]).toBe("DENY");
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
  const dataset = await page.request.get("/datasets/iris.csv");
  expect(dataset.headers()["x-content-type-options"]).toBe("nosniff");

  // The signed-in pages: the canvas (React Flow inline styles, Web Workers) and the notebook (TF.js).
  await signUp(page, uniqueEmail("csp"));
  await createProject(page, "CSP check");
  expect(await page.evaluate("crossOriginIsolated")).toBe(true);
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
  expect(problems).toEqual([]);
});
