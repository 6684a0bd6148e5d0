// With DATABASE_URL unset, every entry point starts the embedded PostgreSQL of DATA_DIR or reuses
// the one already running (scripts/postgres.mjs): real binaries, a real cluster in a temp DATA_DIR
// on a free port, real processes racing to start it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
let dataDir: string;
let env: NodeJS.ProcessEnv;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function node(script: string, args: string[] = []) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, script), ...args], { cwd: root, env, encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}${r.stderr}`, ms: Math.round(performance.now() - started) };
}

/** Runs a script as a separate process, for races. */
function nodeAsync(script: string, args: string[] = []): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, script), ...args], { cwd: root, env });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (status) => resolve({ status, out }));
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "vajra-embedded-"));
  env = { ...process.env, DATA_DIR: dataDir, VAJRA_POSTGRES_PORT: String(await freePort()) };
  delete env.DATABASE_URL;
});

afterAll(() => {
  node("scripts/postgres.mjs", ["stop"]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the embedded PostgreSQL", () => {
  it("is created, started and migrated by the migrate step, then reused by the next process", async () => {
    const first = node("scripts/migrate.mjs");
    expect(first.status, first.out).toBe(0);
    expect(first.out).toContain("created the embedded PostgreSQL cluster");
    expect(first.out).toContain(`port ${env.VAJRA_POSTGRES_PORT}`);
    const migrations = readdirSync(path.join(root, "prisma", "migrations"), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(first.out).toContain(`applied ${migrations.length} migration(s)`);
    expect(existsSync(path.join(dataDir, "postgres", "data", "PG_VERSION"))).toBe(true);
    // The password is ours alone.
    expect(statSync(path.join(dataDir, "postgres.password")).mode & 0o077).toBe(0);

    const second = node("scripts/migrate.mjs");
    expect(second.status, second.out).toBe(0);
    expect(second.out).not.toContain("started the embedded");
    expect(second.out).toContain("up to date");
    console.log(`embedded PostgreSQL: first migrate (initdb + start + migrate) ${first.ms} ms, second (reuse) ${second.ms} ms`);

    const url = node("scripts/postgres.mjs", ["url"]).out.trim();
    expect(url).toMatch(new RegExp(`^postgres://vajra:[0-9a-f]+@127\\.0\\.0\\.1:${env.VAJRA_POSTGRES_PORT}/vajra$`));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM "User"');
      expect(rows[0]!.n).toBe("0");
    } finally {
      await client.end();
    }
  });

  it("keeps running after the process that started it exits, and stops on request", () => {
    expect(node("scripts/postgres.mjs", ["status"]).out).toContain("runs (pid");
    const stop = node("scripts/postgres.mjs", ["stop"]);
    expect(stop.out).toContain("stopped the embedded PostgreSQL");
    expect(node("scripts/postgres.mjs", ["status"]).out).toContain("not running");
    expect(node("scripts/postgres.mjs", ["stop"]).out).toContain("not running");
  });

  it("starts once when several processes need it at the same moment", async () => {
    const results = await Promise.all([1, 2, 3].map(() => nodeAsync("scripts/postgres.mjs", ["start"])));
    for (const r of results) expect(r.status, r.out).toBe(0);
    expect(results.filter((r) => r.out.includes("started the embedded PostgreSQL"))).toHaveLength(1);
    expect(results.filter((r) => r.out.includes("already running"))).toHaveLength(2);
    const timing = /started the embedded PostgreSQL .* in (\d+) ms/.exec(results.map((r) => r.out).join(""))?.[1];
    console.log(`embedded PostgreSQL: restart of an existing cluster ${timing} ms`);
  });

  it("says which port is taken when another program holds it", async () => {
    node("scripts/postgres.mjs", ["stop"]);
    const blocker = createServer().listen(Number(env.VAJRA_POSTGRES_PORT), "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    try {
      const r = node("scripts/postgres.mjs", ["start"]);
      expect(r.status).toBe(1);
      expect(r.out).toContain(`Port ${env.VAJRA_POSTGRES_PORT} is taken: set VAJRA_POSTGRES_PORT`);
    } finally {
      blocker.close();
    }
  });

  it("takes a free port when the default one is held (another checkout's server) and none was configured", async () => {
    node("scripts/postgres.mjs", ["stop"]);
    // Holds the default port unless something (a dev server) already does: either way it is taken.
    const blocker = createServer().listen(25432, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve).once("error", resolve));
    const configured = env.VAJRA_POSTGRES_PORT;
    delete env.VAJRA_POSTGRES_PORT;
    try {
      const r = node("scripts/postgres.mjs", ["start"]);
      expect(r.status, r.out).toBe(0);
      const port = Number(/port (\d+)/.exec(r.out)?.[1]);
      expect(port).toBeGreaterThan(0);
      expect(port).not.toBe(25432);
      const status = node("scripts/postgres.mjs", ["status"]);
      expect(status.out).toContain(`port ${port}`);
    } finally {
      node("scripts/postgres.mjs", ["stop"]);
      env.VAJRA_POSTGRES_PORT = configured;
      blocker.close();
    }
  });
});
