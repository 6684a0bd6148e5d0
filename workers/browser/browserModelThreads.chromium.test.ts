import { chromium, type Browser } from "@playwright/test";
import { build } from "esbuild";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from "../../e2e/chromium";

/**
 * Tree models and logistic regression in a browser run train on Web Workers: the run worker's model threads, in Chromium.
 * The engine and the model-thread entry are bundled, served by a server that sends the app's
 * cross-origin isolation headers (or not), and a dedicated worker (as the run worker is) fits
 * gradient boosting, a random forest and a logistic regression with and without threads and compares the models.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs in a dedicated worker: what it posts back is a FitCheck. */
const FIT_SOURCE = `
import { browserModelThreads } from "./workers/browser/browserModelThreads";
import { provideModelThreads } from "./pipeline/ml/models/threads/model-threads";
import { fitGradientBoosting } from "./pipeline/ml/models/gbt/train";
import { fitRandomForest } from "./pipeline/ml/models/forest/train";
import { fitLogisticRegression } from "./pipeline/ml/models/linear/train";
import { SeededRandom } from "./pipeline/ml/models/random";

self.onmessage = async () => {
  try {
    const host = browserModelThreads(() => new Worker("/thread.js"));
    let spawned = 0;
    if (host) provideModelThreads({ ...host, count: 2, spawn: () => (spawned++, host.spawn()) });
    const rng = new SeededRandom(3);
    const rows = 25000, cols = 8;
    const data = Float32Array.from({ length: rows * cols }, (_, i) => (i % 29 === 3 ? NaN : Math.round((rng.next() - 0.5) * 400) / 100));
    const y = Int32Array.from({ length: rows }, (_, r) => ((data[r * cols + 1] || 0) - (data[r * cols + 5] || 0) ** 2 / 3 + rng.next() - 0.5 > 0 ? 1 : 0));
    const X = { data, rows, cols };
    const task = { kind: "classification", classes: 2 };
    const fits = {};
    for (const threads of [true, false]) {
      const gbt = await fitGradientBoosting(X, y, task, { maxIterations: 15, earlyStopping: "off" }, { seed: 2, threads });
      const rf = await fitRandomForest(X, y, task, { nEstimators: 10 }, { seed: 2, threads });
      const dense = { data: data.map((v) => (Number.isNaN(v) ? 0 : v)), rows, cols };
      const logistic = await fitLogisticRegression(dense, y, task, {}, { seed: 2, threads });
      fits[threads ? "threaded" : "single"] = JSON.stringify([gbt.toJSON(), rf.toJSON(), logistic.toJSON()]);
    }
    postMessage({ isolated: self.crossOriginIsolated, hasHost: host !== undefined, spawned, same: fits.threaded === fits.single, size: fits.single.length });
  } catch (error) {
    postMessage({ error: String(error && error.stack || error) });
  }
};
`;

interface FitCheck {
  isolated: boolean;
  hasHost: boolean;
  spawned: number;
  same: boolean;
  size: number;
  error?: string;
}

let browser: Browser;
const servers: Server[] = [];
let fitScript: string;
let threadScript: string;

async function bundle(entry: { contents: string } | { path: string }): Promise<string> {
  const built = await build({
    ...("path" in entry ? { entryPoints: [entry.path] } : { stdin: { ...entry, resolveDir: ROOT, loader: "ts" as const } }),
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  return built.outputFiles[0]!.text;
}

/** Serves the page and both workers, with the app's isolation headers when `isolated`. */
async function serve(isolated: boolean): Promise<string> {
  const server = createServer((request, response) => {
    const body = request.url === "/fit.js" ? fitScript : request.url === "/thread.js" ? threadScript : "<!doctype html><title>threads</title>";
    const type = request.url?.endsWith(".js") ? "text/javascript" : "text/html";
    const headers: Record<string, string> = { "Content-Type": type };
    if (isolated) Object.assign(headers, { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" });
    response.writeHead(200, headers).end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

async function fitInWorker(origin: string): Promise<FitCheck> {
  const page = await browser.newPage();
  try {
    await page.goto(origin);
    return await page.evaluate(
      `new Promise((resolve) => { const worker = new Worker("/fit.js"); worker.onmessage = (event) => resolve(event.data); worker.onerror = (event) => resolve({ error: event.message }); worker.postMessage("fit"); })`,
    );
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  [fitScript, threadScript] = await Promise.all([bundle({ contents: FIT_SOURCE }), bundle({ path: `${ROOT}workers/browser/modelThread.ts` })]);
  browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) server.close();
});

describe("model threads on Web Workers", () => {
  it("train the same gradient boosting, forest and logistic regression as one worker, on a cross-origin isolated page", async () => {
    const check = await fitInWorker(await serve(true));
    expect(check.error).toBeUndefined();
    expect(check).toMatchObject({ isolated: true, hasHost: true, spawned: 2, same: true });
    expect(check.size).toBeGreaterThan(10_000);
  }, 120_000);

  it("are not offered without isolation, and the models still train", async () => {
    const check = await fitInWorker(await serve(false));
    expect(check.error).toBeUndefined();
    expect(check).toMatchObject({ isolated: false, hasHost: false, spawned: 0, same: true });
  }, 120_000);
});
