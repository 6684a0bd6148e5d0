import { defineConfig } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from "./e2e/chromium";

/** A free loopback port, found once in the main process and inherited by the workers through the env. */
function freePort(): string {
  return execFileSync(process.execPath, [
    "-e",
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
}

process.env.E2E_PORT ??= freePort();
// The server's DATA_DIR, chosen here so specs can put files where the server reads them (SQLite connections).
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "vajra-e2e-"));
const baseURL = `http://localhost:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // One retry in CI: the 2-core machine also runs the in-process worker's TF.js probe and
  // scrypt sign-ups, and a rare slow start should not fail a submission. Local runs never retry.
  retries: process.env.CI ? 1 : 0,
  reporter: "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: { executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `node scripts/e2e-server.mjs ${process.env.E2E_PORT}`,
    url: `${baseURL}/signin`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM, not Playwright's default SIGKILL: scripts/e2e-server.mjs then drops its database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
