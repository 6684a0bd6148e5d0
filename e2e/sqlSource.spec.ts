import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import initSqlJs from "sql.js";
import { createProject, signUp, uniqueEmail } from "./helpers";

const file = (name: string, text: string) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) });

/**
 * An SQLite file of three orders, written with sql.js into the project's folder under the server's DATA_DIR
 * (playwright.config.ts sets it), as an administrator would put it there.
 */
async function writeShopDatabase(projectId: string): Promise<string> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT, amount REAL);
    INSERT INTO orders VALUES (1, 'apple', 1.25), (2, 'pear', 2.5), (3, 'plum', 3);`);
  const relative = `shop-${Date.now()}.db`;
  const target = path.join(process.env.E2E_DATA_DIR!, "sqlite", projectId, relative);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, db.export());
  db.close();
  return relative;
}

const pipeline = {
  specVersion: 1,
  nodes: [
    {
      id: "sql",
      kind: "sql-query",
      version: 1,
      params: { connection: "shop", query: "SELECT item, amount FROM orders ORDER BY id", maxRows: 1000, timeoutSeconds: 10 },
      inputs: {},
    },
    { id: "clean", kind: "drop-missing", version: 1, params: {}, inputs: { table: { node: "sql", output: "table" } } },
  ],
};

test("an editor adds an SQLite connection, tests it, reads it with a SQL query node on a server worker and sees the rows", async ({ page }) => {
  test.setTimeout(150_000);
  await signUp(page, uniqueEmail("analyst"));
  const projectUrl = await createProject(page, "Shop analytics");
  const relative = await writeShopDatabase(projectUrl.split("/").pop()!);

  await page.getByRole("region", { name: "Connections" }).getByRole("link", { name: "Manage connections" }).click();
  await page.waitForURL(/\/connections$/);
  await expect(page.getByText("No connections yet.")).toBeVisible();
  await page.getByRole("button", { name: "Add connection" }).click();
  const form = page.getByRole("form", { name: "New connection" });
  await form.getByLabel("Name").fill("shop");
  await form.getByLabel("Kind").selectOption("sqlite");
  // A file outside the data directory is refused with the reason.
  await form.getByLabel("File path").fill("../outside.db");
  await form.getByRole("button", { name: "Add connection" }).click();
  await expect(form.getByRole("alert")).toContainText("is not in this project's folder");
  await form.getByLabel("File path").fill(relative);
  await form.getByRole("button", { name: "Add connection" }).click();
  const row = page.getByTestId("connection-shop");
  await expect(row).toContainText(relative);
  await row.getByRole("button", { name: "Test" }).click();
  await expect(row.getByRole("status")).toHaveText('Connected to "shop".');

  await page.goto(projectUrl);
  await page.getByLabel("Import pipeline file").setInputFiles(file("shop.json", JSON.stringify(pipeline)));
  await page.waitForURL(/\/pipelines\/[^/]+$/);
  await expect(page.getByTestId("compile-status")).toHaveText("Compiles");
  await page.locator('.react-flow__node[data-id="sql"]').click();
  await expect(page.getByTestId("field-connection").locator("input")).toHaveValue("shop");
  await expect(page.getByTestId("field-connection").locator('datalist option[value="shop"]')).toHaveCount(1);

  const placement = page.getByLabel("Where to run");
  const run = page.getByRole("button", { name: "Run", exact: true });
  await placement.selectOption("browser");
  await run.click();
  await expect(page.getByTestId("toast")).toContainText(
    "The SQL query node reads a database connection on the server, so this pipeline cannot run in the browser",
  );
  await placement.selectOption("auto");
  await run.click();
  await expect(page.getByTestId("toast")).toContainText("Running on a server worker (Auto: The SQL query node reads a database connection on the server).");
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 90_000 });
  const log = page.getByRole("list", { name: "Run log" });
  await expect(log).toContainText('[sql] Connection "shop" · query: SELECT item, amount FROM orders ORDER BY id');
  await expect(log).toContainText(/\[sql\] Read 3 rows × 2 columns from "shop" \(result sha256 [0-9a-f]{64}\)/);

  // The canvas previews the node as the server run stored it (the browser cannot reach the database).
  await page.getByRole("button", { name: "Preview sql table" }).click();
  const preview = page.getByRole("region", { name: "Data preview" });
  await expect(preview).toContainText("3 rows");
  await expect(preview).toContainText("pear");

  // The rows the query returned, stored with the run.
  await page.goto(`${projectUrl}/runs`);
  await page
    .getByRole("row", { name: /server/ })
    .first()
    .click();
  await page.getByRole("button", { name: "Show table" }).first().click();
  await expect(page.getByText("3 rows × 2 columns")).toBeVisible();
  await expect(page.getByRole("table", { name: "Column statistics" })).toContainText("amount");
  await expect(page.getByText("pear").first()).toBeVisible();
});
