import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * A web process serving the predict route (predictServer.ts) as a real child process on the given
 * database and data directory; resolves once it listens. tsx runs as a loader in the child itself
 * (its CLI would fork a grandchild that signalling the child does not reach).
 */
export function startPredictWebProcess(env: { databaseUrl: string; dataDir: string }): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "server/testing/predictServer.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: env.databaseUrl, DATA_DIR: env.dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web process did not start:\n${output}`)), 60_000);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child });
      }
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`web process exited (${code ?? signal}):\n${output}`));
    });
  });
}
