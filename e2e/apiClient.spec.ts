import { expect, test } from "@playwright/test";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { signUp, uniqueEmail } from "./helpers";

const run = promisify(execFile);

test("the example tRPC client creates and lists projects with an API token", async ({ page, baseURL }) => {
  await signUp(page, uniqueEmail("scripter"));
  await page.getByRole("link", { name: "API tokens" }).click();
  await page.getByLabel("Token name").fill("ci script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-api-token").getByRole("textbox").inputValue();
  expect(token).toMatch(/^vjr_/);

  const { stdout } = await run(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "examples/client.ts", "--url", baseURL!, "--token", token, "--name", "From the script"],
    { timeout: 60_000 },
  );
  expect(stdout).toMatch(/Created project \S+ "From the script"/);
  expect(stdout).toContain("You have 2 project(s):");
  expect(stdout).toContain("Demo: Iris flowers  (owner)");

  await page.getByRole("link", { name: "Projects", exact: true }).click();
  await expect(page.getByRole("link", { name: /From the script/ })).toBeVisible();

  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("table", { name: "API tokens" })).not.toContainText("never");
  await page.getByRole("table", { name: "API tokens" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("No tokens yet.")).toBeVisible();

  const refused = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "examples/client.ts", "--url", baseURL!, "--token", token], {
    timeout: 60_000,
  }).catch((error: { code: number; stderr: string }) => error);
  expect("code" in refused && refused.code).toBe(1);
  expect(refused.stderr).toContain("not valid");
});
