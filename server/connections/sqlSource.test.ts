import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import initSqlJs from "sql.js";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { StoredGraph } from "@/contracts/storedGraph";
import { useFreshDatabase } from "../testing/testDatabase";

const { databaseUrl, dataDir } = await useFreshDatabase();
const server = new URL(databaseUrl);
const PASSWORD = decodeURIComponent(server.password);
const PORT = Number(server.port);
const DATABASE = server.pathname.slice(1);
// Only the test's PostgreSQL is allowed (this server's own database is not, as DATABASE_URL is set).
process.env.VAJRA_SQL_ALLOWED_HOSTS = `127.0.0.1:${PORT}`;

const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { testWorker, drainQueue } = await import("../testing/testWorker");
const { saveGraph } = await import("../testing/runFixtures");
const { ConnectionPolicy, parseAllowedHosts } = await import("./connectionPolicy");
const { ServerSqlSource } = await import("./serverSqlSource");
const { queryPostgres } = await import("./postgresQuery");
const { querySqlite } = await import("./sqliteQuery");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

const policy = new ConnectionPolicy(parseAllowedHosts(`127.0.0.1:${PORT}`), dataDir);
const limits = { maxRows: 100, timeoutMs: 5_000, maxChars: 1_000_000 };
const signal = new AbortController().signal;

let owner: Caller;
let viewer: Caller;
let projectId: string;
let otherProjectId: string;
let source: InstanceType<typeof ServerSqlSource>;
let shopFile: string;

const postgresConnection = (name: string, password = PASSWORD, host = "127.0.0.1", database = DATABASE) => ({
  kind: "postgres" as const,
  name,
  config: { host, port: PORT, database, user: server.username, ssl: false },
  password,
});

beforeAll(async () => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA scratch;
    CREATE TABLE scratch.customers (id int8 PRIMARY KEY, name text, spend numeric(10,2), active boolean, joined date, seen timestamptz, plan text);
    INSERT INTO scratch.customers SELECT g, 'customer ' || g, g * 1.5, g % 2 = 0, DATE '2024-01-01' + g, TIMESTAMPTZ '2024-01-01 10:00:00+01' + g * INTERVAL '1 hour', CASE WHEN g % 3 = 0 THEN 'pro' ELSE 'basic' END FROM generate_series(1, 250) g;
    CREATE SEQUENCE scratch.ids;`);
  await client.end();

  const SQL = await initSqlJs();
  const sqlite = new SQL.Database();
  sqlite.run(`CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT, amount REAL, placed TEXT, note TEXT);
    INSERT INTO orders VALUES (1, 'apple', 1.25, '2024-02-01', NULL), (2, 'pear', 2.5, '2024-02-02', 'gift'), (3, 'plum', 3, '2024-02-03', NULL);`);
  const shop = sqlite.export();
  sqlite.close();

  owner = (await signedUpCaller("owner@example.com")).caller;
  viewer = (await signedUpCaller("viewer@example.com")).caller;
  projectId = (await owner.project.create({ name: "Warehouse" })).id;
  otherProjectId = (await owner.project.create({ name: "Elsewhere" })).id;
  // Each project reads SQLite files from its own folder only.
  shopFile = path.join(dataDir, "sqlite", projectId, "shop.db");
  mkdirSync(path.dirname(shopFile), { recursive: true });
  writeFileSync(shopFile, shop);
  const link = await owner.shareLink.create({ projectId, role: "viewer" });
  await viewer.shareLink.accept({ token: link.token });
  await owner.connection.create({ projectId, connection: postgresConnection("warehouse") });
  await owner.connection.create({ projectId, connection: { kind: "sqlite", name: "shop", config: { path: "shop.db" } } });
  source = new ServerSqlSource(db, projectId, policy);
});

const query = (connection: string, sql: string, options: Partial<typeof limits> = {}) =>
  source.query({ connection, query: sql, ...limits, ...options }, signal);

describe("PostgreSQL connections (the project's embedded PostgreSQL)", () => {
  it("reads a query with the database's column types mapped", async () => {
    const result = await query("warehouse", "SELECT id, name, spend, active, joined, seen, plan FROM scratch.customers ORDER BY id LIMIT 2");
    expect(result.columns).toEqual([
      { name: "id", type: "number" },
      { name: "name", type: "string" },
      { name: "spend", type: "number" },
      { name: "active", type: "boolean" },
      { name: "joined", type: "date" },
      { name: "seen", type: "date" },
      { name: "plan", type: "string" },
    ]);
    expect(result.rows[0]).toEqual([1, "customer 1", 1.5, false, "2024-01-02", "2024-01-01T10:00:00.000Z", "basic"]);
    expect(result.truncated).toBe(false);
  });

  it("stops at the row limit and says the result was cut", async () => {
    const result = await query("warehouse", "SELECT id FROM scratch.customers ORDER BY id;", { maxRows: 100 });
    expect(result.rows).toHaveLength(100);
    expect(result.rows.at(-1)).toEqual([100]);
    expect(result.truncated).toBe(true);
  });

  it("refuses DELETE, UPDATE and DROP before they reach the database, and the data stays", async () => {
    for (const sql of ["DELETE FROM scratch.customers", "UPDATE scratch.customers SET name = 'x'", "DROP TABLE scratch.customers"]) {
      await expect(query("warehouse", sql)).rejects.toThrow("Only read-only queries (SELECT) are allowed.");
    }
    expect((await query("warehouse", "SELECT count(*)::int AS n FROM scratch.customers")).rows).toEqual([[250]]);
  });

  it("runs inside a READ ONLY transaction, which refuses writes the text check cannot see", async () => {
    const target = {
      address: "127.0.0.1",
      config: { host: "127.0.0.1", port: PORT, database: DATABASE, user: server.username, ssl: false },
      password: PASSWORD,
      label: "the test",
    };
    await expect(queryPostgres(target, "SELECT nextval('scratch.ids')", limits, signal)).rejects.toThrow("Only read-only queries (SELECT) are allowed.");
  });

  it("stops reading a result larger than the size cap, however few its rows", async () => {
    const target = {
      address: "127.0.0.1",
      config: { host: "127.0.0.1", port: PORT, database: DATABASE, user: server.username, ssl: false },
      password: PASSWORD,
      label: "the test",
    };
    const big = "SELECT repeat('x', 200000) AS big FROM generate_series(1, 20)";
    await expect(queryPostgres(target, big, limits, signal)).rejects.toThrow("The result of the query on the test is larger than 1 Mi characters");
    // Under the cap, batches of any size add up to the whole result.
    const small = await queryPostgres(target, "SELECT g, repeat('y', 1000) FROM generate_series(1, 90) g", limits, signal);
    expect(small.rows.map((row) => row[0])).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    expect(small.truncated).toBe(false);
  });

  it("says where a syntax error is, and cancels a query at its time limit", async () => {
    await expect(query("warehouse", "SELECT id FORM scratch.customers")).rejects.toThrow(/^Syntax error at position 16: syntax error at or near "scratch"/);
    const started = Date.now();
    await expect(query("warehouse", "SELECT pg_sleep(10)", { timeoutMs: 500 })).rejects.toThrow(
      'The query on connection "warehouse" took longer than 1 s and was cancelled.',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("stops a running query when the run is cancelled", async () => {
    const cancel = new AbortController();
    const started = Date.now();
    const running = source.query({ connection: "warehouse", query: "SELECT pg_sleep(10)", maxRows: 1, timeoutMs: 20_000 }, cancel.signal);
    setTimeout(() => cancel.abort(new Error("The run was cancelled")), 300);
    await expect(running).rejects.toThrow("The run was cancelled");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("never logs in with the server's own PGPASSWORD when a connection has no password", async () => {
    const { id } = await owner.connection.create({ projectId, connection: postgresConnection("no password", "") });
    const before = process.env.PGPASSWORD;
    process.env.PGPASSWORD = PASSWORD;
    try {
      await expect(query("no password", "SELECT current_user")).rejects.toThrow(/^Authentication failed for connection "no password"/);
      expect(await owner.connection.test({ projectId, connectionId: id })).toMatchObject({ ok: false });
    } finally {
      if (before === undefined) delete process.env.PGPASSWORD;
      else process.env.PGPASSWORD = before;
    }
  });

  it("says authentication failed for a wrong password, without the password", async () => {
    const wrong = "Wrong-Password-4242";
    const { id } = await owner.connection.create({ projectId, connection: postgresConnection("wrong password", wrong) });
    const result = await owner.connection.test({ projectId, connectionId: id });
    expect(result).toEqual({ ok: false, message: 'Authentication failed for connection "wrong password": check the user name and password.' });
    await expect(query("wrong password", "SELECT 1")).rejects.toThrow(/^Authentication failed/);
    expect(JSON.stringify(result)).not.toContain(wrong);
  });

  it("says the database does not exist, and refuses hosts the server does not allow", async () => {
    await owner.connection.create({ projectId, connection: postgresConnection("no database", PASSWORD, "127.0.0.1", "no_such_database") });
    await expect(query("no database", "SELECT 1")).rejects.toThrow('The database of connection "no database" does not exist.');
    await owner.connection.create({ projectId, connection: postgresConnection("private network", PASSWORD, "10.0.0.1") });
    await expect(query("private network", "SELECT 1")).rejects.toThrow(/10\.0\.0\.1:\d+ is not allowed by this server's configuration/);
    // "localhost" resolves to 127.0.0.1, but only another host is allowed here.
    const strict = new ServerSqlSource(db, projectId, new ConnectionPolicy(parseAllowedHosts(`192.0.2.1:${PORT}`), dataDir));
    await owner.connection.create({ projectId, connection: postgresConnection("by name", PASSWORD, "localhost") });
    await expect(strict.query({ connection: "by name", query: "SELECT 1", ...limits }, signal)).rejects.toThrow(/localhost:\d+ is not allowed/);
  });

  it("finds connections by name in the run's project only", async () => {
    const elsewhere = new ServerSqlSource(db, otherProjectId, policy);
    await expect(elsewhere.query({ connection: "warehouse", query: "SELECT 1", ...limits }, signal)).rejects.toThrow(/has no connection named "warehouse"/);
  });
});

describe("SQLite connections (files under DATA_DIR)", () => {
  it("reads a file written by sql.js, typing numbers, ISO dates and text", async () => {
    const result = await query("shop", "SELECT id, item, amount, placed, note FROM orders ORDER BY id");
    expect(result.columns.map((c) => c.type)).toEqual(["number", "string", "number", "date", "string"]);
    expect(result.rows).toEqual([
      [1, "apple", 1.25, "2024-02-01", null],
      [2, "pear", 2.5, "2024-02-02", "gift"],
      [3, "plum", 3, "2024-02-03", null],
    ]);
    expect((await query("shop", "SELECT id FROM orders", { maxRows: 2 })).truncated).toBe(true);
  });

  it("refuses writes and leaves the file as it was", async () => {
    for (const sql of ["DELETE FROM orders", "UPDATE orders SET item = 'x'", "DROP TABLE orders"]) {
      await expect(query("shop", sql)).rejects.toThrow("Only read-only queries (SELECT) are allowed.");
    }
    expect((await query("shop", "SELECT count(*) AS n FROM orders")).rows).toEqual([[3]]);
  });

  it("stops a runaway query at its time limit without stalling the server", async () => {
    const forever = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(Date.now()), 50);
    await expect(query("shop", forever, { timeoutMs: 700 })).rejects.toThrow('The query on connection "shop" took longer than 1 s and was cancelled.');
    clearInterval(timer);
    expect(ticks.length).toBeGreaterThan(5);
  });

  it("stops a SQLite result larger than the size cap, without a table", async () => {
    const big = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 20) SELECT x, printf('%.*c', 200000, 'x') FROM c";
    await expect(querySqlite(shopFile, "the shop", big, limits, signal)).rejects.toThrow("The result of the query on the shop is larger than 1 Mi characters");
  });

  it("refuses to save a file outside the project's folder, another project's file included", async () => {
    await expect(owner.connection.create({ projectId, connection: { kind: "sqlite", name: "escape", config: { path: "../etc/passwd" } } })).rejects.toThrow(
      /is not in this project's folder \(sqlite\/\w+\/ in the server's data directory\)/,
    );
    await expect(
      owner.connection.create({ projectId: otherProjectId, connection: { kind: "sqlite", name: "steal", config: { path: `../${projectId}/shop.db` } } }),
    ).rejects.toThrow(/is not in this project's folder/);
  });
});

describe("connection router", () => {
  it("shows editors the settings without the password and viewers the names only", async () => {
    const asEditor = await owner.connection.list({ projectId });
    expect(asEditor.editable).toBe(true);
    expect(asEditor.connections.find((c) => c.name === "warehouse")).toMatchObject({
      kind: "postgres",
      hasPassword: true,
      config: { host: "127.0.0.1", port: PORT },
    });
    const asViewer = await viewer.connection.list({ projectId });
    expect(asViewer.editable).toBe(false);
    expect(asViewer.connections.map((c) => Object.keys(c))).toEqual(asViewer.connections.map(() => ["name"]));
    expect(asViewer.connections.map((c) => c.name)).toContain("warehouse");
  });

  it("tests a connection, keeps the password through an edit, and deletes", async () => {
    const listed = await owner.connection.list({ projectId });
    const warehouse = listed.editable ? listed.connections.find((c) => c.name === "warehouse") : undefined;
    expect(await owner.connection.test({ projectId, connectionId: warehouse!.id })).toEqual({ ok: true, message: 'Connected to "warehouse".' });
    const { id } = await owner.connection.create({ projectId, connection: postgresConnection("temporary") });
    await owner.connection.update({ projectId, connectionId: id, connection: { ...postgresConnection("renamed"), password: undefined } });
    // The stored password never follows a connection to another host or user unless it is typed again.
    await expect(
      owner.connection.update({ projectId, connectionId: id, connection: { ...postgresConnection("renamed", PASSWORD, "localhost"), password: undefined } }),
    ).rejects.toThrow("Enter the password again when changing the host, port, user or SSL setting.");
    expect(await owner.connection.test({ projectId, connectionId: id })).toMatchObject({ ok: true });
    await expect(owner.connection.create({ projectId, connection: postgresConnection("renamed") })).rejects.toThrow(/already has a connection named "renamed"/);
    await owner.connection.delete({ projectId, connectionId: id });
    expect((await owner.connection.list({ projectId })).connections.map((c) => c.name)).not.toContain("renamed");
  });

  it("never returns the password or its ciphertext from any procedure, to a viewer or an editor", async () => {
    const { appRouter } = await import("../api/root");
    const rows = await db.dataConnection.findMany({ where: { projectId } });
    const ciphertexts = rows.flatMap((row) => (row.secretCiphertext ? [row.secretCiphertext] : []));
    expect(ciphertexts.length).toBeGreaterThan(0);
    const connectionId = rows.find((row) => row.name === "warehouse")!.id;
    const input = { projectId, connectionId };
    const responses: string[] = [];
    const record = async (call: () => Promise<unknown>) => {
      try {
        responses.push(JSON.stringify((await call()) ?? null));
      } catch (error) {
        responses.push(error instanceof Error ? error.message : String(error));
      }
    };
    // Every read in the whole API with this project and connection, plus the connection router's writes.
    const paths = Object.entries(appRouter._def.procedures).flatMap(([path, procedure]) => {
      const type = (procedure as unknown as { _def: { type: string } })._def.type;
      return type === "query" || (path.startsWith("connection.") && path !== "connection.delete") ? [path] : [];
    });
    expect(paths).toEqual(expect.arrayContaining(["connection.list", "connection.test", "connection.update", "connection.create"]));
    for (const caller of [viewer, owner]) {
      for (const procedurePath of paths) {
        const fn = procedurePath.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
          input: unknown,
        ) => Promise<unknown>;
        await record(() => fn(input));
      }
      await record(() => caller.connection.update({ ...input, connection: { ...postgresConnection("warehouse"), password: PASSWORD } }));
      await record(() => caller.connection.create({ projectId, connection: postgresConnection(`copy ${responses.length}`) }));
    }
    expect(responses.length).toBeGreaterThan(paths.length * 2);
    for (const response of responses) {
      expect(response).not.toContain(PASSWORD);
      for (const ciphertext of ciphertexts) expect(response).not.toContain(ciphertext);
      expect(response).not.toContain("secretCiphertext");
    }
  });
});

describe("a server run with a SQL query node", () => {
  it("reads the query on a worker, records it for lineage, and stores the table for preview", async () => {
    const worker = await testWorker("sql-source-test");
    const graph: StoredGraph = {
      nodes: [
        { id: "sql", kind: "sql-query", params: { connection: "shop", query: "SELECT item, amount FROM orders ORDER BY id" }, position: { x: 0, y: 0 } },
        { id: "drop", kind: "drop-missing", params: {}, position: { x: 200, y: 0 } },
      ],
      edges: [{ id: "e1", source: "sql", sourceHandle: "table", target: "drop", targetHandle: "table" }],
    };
    const { pipelineId } = await saveGraph(owner, projectId, graph);
    await expect(owner.run.start({ projectId, pipelineId, target: "browser" })).rejects.toThrow(/cannot run in the browser/);
    const { runId } = await owner.run.start({ projectId, pipelineId, target: "server" });
    await drainQueue(worker);
    const run = await viewer.run.get({ projectId, runId });
    expect(run.status).toBe("succeeded");
    const step = run.steps.find((s) => s.nodeId === "sql")!;
    const artifact = step.artifacts.find((a) => a.portType === "Table")!;
    const { preview } = await viewer.artifact.preview({ projectId, artifactId: artifact.id });
    expect(JSON.stringify(preview)).toContain("pear");
    const logs = await db.stepRun.findFirstOrThrow({ where: { runId, nodeId: "sql" }, select: { logs: true } });
    expect(logs.logs).toContain('Connection "shop" · query: SELECT item, amount FROM orders ORDER BY id');
    expect(logs.logs).toMatch(/Read 3 rows × 2 columns from "shop" \(result sha256 [0-9a-f]{64}\)/);
  });
});
