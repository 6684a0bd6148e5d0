import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

/** A port nothing listens on now (the OS's pick). */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (address === null || typeof address === "string") throw new Error("No free port");
  return address.port;
}

/**
 * The production build (`npx next build` first) on a free port against a brand-new database, as the
 * e2e suite serves it, for benchmarks that drive real Chromium. `stop()` drops the database.
 */
export async function startProductionServer(timeoutMs = 120_000): Promise<{ baseURL: string; stop(): void }> {
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const server = spawn(process.execPath, ["scripts/e2e-server.mjs", String(port)], { stdio: ["ignore", "ignore", "inherit"] });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const up = await fetch(`${baseURL}/signin`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      server.kill("SIGTERM");
      throw new Error(`${baseURL} did not answer within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { baseURL, stop: () => server.kill("SIGTERM") };
}
