import { expect, test, type Page } from "@playwright/test";
import { openDemoProject, signUp, uniqueEmail } from "./helpers";

/** translate(x, y) scale(z) of the canvas's viewport, as React Flow writes it. */
async function viewportTransform(page: Page): Promise<[number, number, number]> {
  const style = (await page.locator(".react-flow__viewport").getAttribute("style")) ?? "";
  const match = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)\s*scale\(([-\d.]+)\)/.exec(style);
  if (!match) throw new Error(`No viewport transform in "${style}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

test("the server draws the canvas into the page: every node and edge without scripts, fitted as the browser fits it", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await signUp(page, uniqueEmail("server-canvas"));
  await openDemoProject(page);
  await page.getByRole("link", { name: /Iris classifier/ }).click();
  const nodes = page.locator(".react-flow__node");
  await expect(nodes.first()).toBeVisible();
  // Measured by the browser (React Flow drops the server's estimated width) and refitted.
  await expect(page.locator(".react-flow__node-pipeline").first()).not.toHaveAttribute("style", /width:/);
  await expect.poll(async () => JSON.stringify(await viewportTransform(page))).toBe(JSON.stringify(await viewportTransform(page)));
  const nodeCount = await nodes.count();
  const edgeCount = await page.locator(".react-flow__edge").count();
  expect(nodeCount).toBeGreaterThan(3);
  expect(edgeCount).toBeGreaterThan(2);
  const [x, y, zoom] = await viewportTransform(page);

  // The same page with scripts off: what the HTML alone draws (the browser remembered its canvas size in a cookie).
  const noScripts = await browser.newContext({ viewport: { width: 1280, height: 720 }, javaScriptEnabled: false, storageState: await context.storageState() });
  const still = await noScripts.newPage();
  await still.goto(page.url());
  await expect(still.locator(".react-flow__node")).toHaveCount(nodeCount);
  for (const node of await still.locator(".react-flow__node").all()) await expect(node).toBeVisible();
  await expect(still.locator(".react-flow__edge")).toHaveCount(edgeCount);
  await expect(still.getByTestId("node-split")).toContainText("Train / test split");
  const [serverX, serverY, serverZoom] = await viewportTransform(still);
  // Fitted into the same box as the browser fits it, so the view does not jump when the scripts take over.
  expect(Math.abs(serverX - x)).toBeLessThan(4);
  expect(Math.abs(serverY - y)).toBeLessThan(4);
  expect(Math.abs(serverZoom - zoom) / zoom).toBeLessThan(0.01);
  await noScripts.close();
  await context.close();
});
