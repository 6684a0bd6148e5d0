/**
 * Training throughput of the same dense net (the backend probe's: 32 → 64 → 1, Adam,
 * batch 256) on every TF.js backend in real Chromium, side by side with wasm as 1.0.
 * It measures the product as users get it: the production build's Compute settings page,
 * whose worker probes webgpu / webgl / wasm / cpu. Needs `npx next build` first.
 * Run with `npx tsx bench/browser-backends.ts [--repeats 5]`.
 */
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from "../e2e/chromium";
import { chromium, expect, type Page } from "@playwright/test";
import { signUp } from "../e2e/helpers";
import { startProductionServer } from "./productionServer";

const repeatsFlag = process.argv.indexOf("--repeats");
const repeats = repeatsFlag === -1 ? 3 : Number(process.argv[repeatsFlag + 1]);
if (!Number.isInteger(repeats) || repeats < 1) throw new Error("--repeats takes a positive whole number");

/** One probe's samples/s per backend, read from the page's table (null: the backend could not run). */
async function readProbe(page: Page): Promise<Map<string, number | null>> {
  const rows = await page
    .getByRole("table", { name: "Backend probe" })
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].slice(0, 2).map((td) => td.textContent ?? "")));
  return new Map(rows.map(([backend, rate]) => [backend!, /^[\d,]+$/.test(rate!) ? Number(rate!.replace(/,/g, "")) : null]));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const server = await startProductionServer();
const { baseURL } = server;
const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS, "--enable-unsafe-webgpu"] });
try {
  const page = await browser.newPage({ baseURL });
  await signUp(page, `bench-${Date.now()}@example.com`);
  await page.goto("/settings/compute");
  const again = page.getByRole("button", { name: "Run probe again" });
  const samples = new Map<string, number[]>();
  const errors = new Map<string, string>();
  for (let run = 0; run < repeats; run++) {
    // The page probes once on open; later rounds are the button's.
    if (run > 0) {
      await again.click();
      await page.getByRole("button", { name: "Measuring…" }).waitFor();
    }
    await page.getByRole("table", { name: "Backend probe" }).waitFor({ timeout: 120_000 });
    await expect(again).toBeEnabled({ timeout: 120_000 });
    for (const [backend, rate] of await readProbe(page)) {
      if (rate !== null) samples.set(backend, [...(samples.get(backend) ?? []), rate]);
      else errors.set(backend, (await page.getByTestId(`probe-${backend}`).locator("td").nth(3).textContent()) ?? "unavailable");
    }
  }

  const wasm = samples.get("wasm");
  if (wasm === undefined) throw new Error("wasm did not run, so there is no reference");
  const reference = median(wasm);
  console.log(`Chromium ${browser.version()}, median of ${repeats} probes (0.5 s of training each), wasm = 1.0`);
  const rows = [["backend", "samples/s", "vs wasm", "runs"]];
  for (const backend of ["webgpu", "webgl", "wasm", "cpu"]) {
    const rates = samples.get(backend);
    rows.push(
      rates === undefined
        ? [backend, "—", "—", errors.get(backend) ?? "not probed"]
        : [backend, median(rates).toFixed(0), `${(median(rates) / reference).toFixed(3)}×`, rates.map((r) => r.toFixed(0)).join(" ")],
    );
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows)
    console.log(row.map((cell, column) => (column === 0 || column === 3 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  "));
} finally {
  await browser.close();
  server.stop();
}
