import { describe, expect, it } from "vitest";
import { compileGraph } from "../compiler/compile";
import { getColumn, type Table } from "../ml/table/table";
import { MemoryArtifactCache } from "../runtime/artifactCache";
import { inMemoryDatasets } from "../runtime/datasets";
import type { RunEvent } from "../runtime/events";
import { runSpec } from "../runtime/runSpec";
import type { Graph } from "../spec/graph";
import { serverOnlyReason } from "../spec/sideEffects";
import type { PipelineSpec } from "../spec/spec";
import type { SqlQueryRequest, SqlQueryResult, SqlSourcePort } from "../spec/sqlSource";
import { catalog } from "./catalog";

/** Answers every query with the result it holds now, as a database whose rows change between runs would. */
class FixedResultSource implements SqlSourcePort {
  readonly requests: SqlQueryRequest[] = [];
  constructor(public result: SqlQueryResult) {}
  async query(request: SqlQueryRequest): Promise<SqlQueryResult> {
    this.requests.push(request);
    return this.result;
  }
}

const customers: SqlQueryResult = {
  columns: [
    { name: "id", type: "number" },
    { name: "spend", type: "number" },
    { name: "active", type: "boolean" },
    { name: "joined", type: "date" },
    { name: "plan", type: "string" },
    { name: "id", type: "number" },
  ],
  rows: [
    [1, 10.5, true, "2024-01-05", "basic", 1],
    [2, null, false, "2024-03-01T10:30:00.000Z", "pro", 2],
    [3, 7, null, null, null, 3],
  ],
  truncated: false,
};

function graph(sql: Record<string, unknown>): Graph {
  return {
    nodes: [
      { id: "sql", kind: "sql-query", params: sql },
      { id: "drop", kind: "drop-missing", params: {} },
    ],
    edges: [{ source: "sql", sourceHandle: "table", target: "drop", targetHandle: "table" }],
  };
}

function compiled(sql: Record<string, unknown>): PipelineSpec {
  const result = compileGraph(graph(sql), catalog, {});
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.spec;
}

const params = { connection: "warehouse", query: "SELECT * FROM customers", maxRows: 500, timeoutSeconds: 5 };

async function run(spec: PipelineSpec, source: SqlSourcePort | undefined, cache = new MemoryArtifactCache()) {
  const events: RunEvent[] = [];
  const result = await runSpec(spec, { datasets: inMemoryDatasets({}), cache, ...(source ? { sqlSource: source } : {}), onEvent: (e) => events.push(e) });
  return { result, events };
}

describe("SQL query node", () => {
  it("asks the host for the query with its limits and types the table by the database's column types", async () => {
    const source = new FixedResultSource(customers);
    const { result, events } = await run(compiled(params), source);
    expect(result.status).toBe("succeeded");
    expect(source.requests).toEqual([{ connection: "warehouse", query: "SELECT * FROM customers", maxRows: 500, timeoutMs: 5000 }]);
    const table = result.artifacts["sql"]!["table"]!.value as Table;
    expect(table.rowCount).toBe(3);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "integer"],
      ["spend", "number"],
      ["active", "boolean"],
      ["joined", "date"],
      ["plan", "category"],
      ["id_2", "integer"],
    ]);
    expect(Array.from((getColumn(table, "spend") as { values: Float64Array }).values)).toEqual([10.5, NaN, 7]);
    expect(Array.from((getColumn(table, "active") as { values: Float64Array }).values)).toEqual([1, 0, NaN]);
    expect(Array.from((getColumn(table, "joined") as { values: Float64Array }).values)).toEqual([Date.UTC(2024, 0, 5), Date.UTC(2024, 2, 1, 10, 30), NaN]);
    const logs = events.flatMap((e) => (e.type === "log" && e.nodeId === "sql" ? [e.message] : []));
    expect(logs[0]).toBe('Connection "warehouse" · query: SELECT * FROM customers');
    expect(logs[1]).toMatch(/^Read 3 rows × 6 columns from "warehouse" \(result sha256 [0-9a-f]{64}\)$/);
    // What the node reported while the query ran follows its node-started event.
    const sqlEvents = events.filter((e) => "nodeId" in e && e.nodeId === "sql").map((e) => e.type);
    expect(sqlEvents[0]).toBe("node-started");
    expect(sqlEvents.at(-1)).toBe("node-finished");
  });

  it("runs on every run; an unchanged result keeps its fingerprint so downstream steps are reused, a changed one does not", async () => {
    const source = new FixedResultSource(customers);
    const cache = new MemoryArtifactCache();
    const spec = compiled(params);
    const first = await run(spec, source, cache);
    const second = await run(spec, source, cache);
    expect(source.requests).toHaveLength(2);
    expect(second.result.steps.map((s) => [s.nodeId, s.cached])).toEqual([
      ["sql", false],
      ["drop", true],
    ]);
    expect(second.result.steps[0]!.fingerprint).toBe(first.result.steps[0]!.fingerprint);
    // The stored output of the SQL step is found under its fingerprint, so the run's preview reads it.
    expect(await cache.get(second.result.steps[0]!.fingerprint)).toBeDefined();

    source.result = { ...customers, rows: customers.rows.slice(0, 2) };
    const third = await run(spec, source, cache);
    expect(third.result.steps[0]!.fingerprint).not.toBe(first.result.steps[0]!.fingerprint);
    expect(third.result.steps.map((s) => s.cached)).toEqual([false, false]);
    expect((third.result.artifacts["sql"]!["table"]!.value as Table).rowCount).toBe(2);
  });

  it("warns when the result was cut at the row limit", async () => {
    const { events } = await run(compiled(params), new FixedResultSource({ ...customers, truncated: true }));
    expect(events).toContainEqual(expect.objectContaining({ type: "log", nodeId: "sql", level: "warn", message: expect.stringMatching(/more than 500 rows/) }));
  });

  it("runs only on a server worker: a pipeline with it must go to the server, and without the host's port it fails clearly", async () => {
    const spec = compiled(params);
    expect(serverOnlyReason(spec, catalog)).toBe("The SQL query node reads a database connection on the server");
    const { result } = await run(spec, undefined);
    expect(result).toMatchObject({ status: "failed", error: { nodeId: "sql", message: expect.stringMatching(/needs a server run/) } });
  });

  it("reports a failed query on the node, with what it logged before", async () => {
    const failing: SqlSourcePort = { query: () => Promise.reject(new Error('Authentication failed for connection "warehouse".')) };
    const { result, events } = await run(compiled(params), failing);
    expect(result.error).toEqual({ nodeId: "sql", message: 'Authentication failed for connection "warehouse".' });
    expect(events.at(-1)).toMatchObject({ type: "node-failed", nodeId: "sql" });
  });

  it("needs a connection and a query, and keeps limits in range", () => {
    const result = compileGraph(graph({ connection: "", query: " ", maxRows: 2_000_000 }), catalog, {});
    expect(result.ok).toBe(false);
    const params = result.ok ? [] : result.diagnostics.filter((d) => d.nodeId === "sql").map((d) => d.param);
    expect(params).toEqual(expect.arrayContaining(["connection", "query", "maxRows"]));
  });
});
