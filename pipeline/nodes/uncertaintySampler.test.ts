import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileGraph } from "../compiler/compile";
import { readCsv } from "../ml/table/read-csv";
import { getColumn, schemaOf, type Table } from "../ml/table/table";
import { inMemoryDatasets } from "../runtime/datasets";
import type { RunEvent } from "../runtime/events";
import { runSpec } from "../runtime/runSpec";
import type { Graph } from "../spec/graph";
import type { EnqueueOutcome, EnqueueRequest, LabelingQueuePort, SampledRow } from "../spec/labelingQueue";
import type { PipelineSpec } from "../spec/spec";
import { serverOnlyReason } from "../spec/sideEffects";
import { catalog } from "./catalog";

const penguinsCsv = readFileSync(new URL("../../public/datasets/penguins.csv", import.meta.url), "utf8");
const lines = penguinsCsv.trimEnd().split("\n");
/** The unlabelled pool: penguins with the species blanked out and an id column, as a team would export it. */
const poolCsv = [
  `"id",${lines[0]!.split(",").slice(1).join(",")},"species"`,
  ...lines.slice(1).map((line, i) => `"p${i}",${line.split(",").slice(1).join(",")},`),
].join("\n");
const files = { "penguins.csv": penguinsCsv, "pool.csv": poolCsv };
const datasets = inMemoryDatasets(files);
const datasetSchemas = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, schemaOf(readCsv(new TextEncoder().encode(text)))]));

/** Train a classifier on labelled penguins, then sample the unlabelled pool. */
function samplerGraph(
  sampler: Record<string, unknown>,
  model: Graph["nodes"][number] = { id: "model", kind: "logistic-regression", params: { target: "species" } },
): Graph {
  return {
    nodes: [
      { id: "load", kind: "load", params: { dataset: "penguins.csv" } },
      { id: "split", kind: "split", params: { stratify: "species", seed: 7 } },
      model,
      { id: "pool", kind: "load", params: { dataset: "pool.csv" } },
      { id: "sampler", kind: "uncertainty-sampler", params: sampler },
    ],
    edges: [
      { source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
      { source: "split", sourceHandle: "split", target: "model", targetHandle: "data" },
      { source: "model", sourceHandle: "model", target: "sampler", targetHandle: "model" },
      { source: "pool", sourceHandle: "table", target: "sampler", targetHandle: "pool" },
    ],
  };
}

function compiled(sampler: Record<string, unknown>): PipelineSpec {
  const result = compileGraph(samplerGraph(sampler), catalog, { datasetSchemas });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.spec;
}

/** An in-memory labeling queue per name, answering as the server's queue does: rows already held are left as they were. */
class MemoryLabelingQueues implements LabelingQueuePort {
  readonly queues = new Map<string, Map<string, SampledRow>>();
  readonly requests: EnqueueRequest[] = [];

  async knownKeys(queueName: string): Promise<ReadonlySet<string>> {
    return new Set(this.queues.get(queueName)?.keys() ?? []);
  }

  async enqueue(request: EnqueueRequest): Promise<EnqueueOutcome> {
    this.requests.push(request);
    const queue = this.queues.get(request.queueName) ?? new Map<string, SampledRow>();
    this.queues.set(request.queueName, queue);
    const fresh = request.rows.filter((row) => !queue.has(row.key));
    for (const row of fresh) queue.set(row.key, row);
    return { added: fresh.length, alreadyQueued: request.rows.length - fresh.length, message: `queued ${fresh.length} rows in "${request.queueName}"` };
  }
}

async function sample(spec: PipelineSpec, queues: MemoryLabelingQueues) {
  const events: RunEvent[] = [];
  const result = await runSpec(spec, { datasets, labelingQueue: queues, onEvent: (event) => events.push(event) });
  if (result.status !== "succeeded") throw new Error(JSON.stringify(result.error));
  const batch = result.artifacts["sampler"]!["batch"]!.value as Table;
  const logs = events.flatMap((event) => (event.type === "log" && event.nodeId === "sampler" ? [event.message] : []));
  return { batch, logs, request: queues.requests.at(-1)! };
}

describe("Uncertainty sampler params and wiring", () => {
  const diagnosticsOf = (graph: Graph) =>
    compileGraph(graph, catalog, { datasetSchemas }).diagnostics.map((d) => ({ param: d.param, port: d.port, code: d.code }));

  it("compiles with a queue name alone: entropy, 50 rows, no diversity", () => {
    expect(compiled({ queue: "penguin labels" }).nodes.at(-1)).toMatchObject({
      params: { queue: "penguin labels", strategy: "entropy", batchSize: 50, diversity: false, seed: 0 },
    });
  });

  it("asks for a queue name, a batch size within 1..1000 and a key column the pool has", () => {
    expect(diagnosticsOf(samplerGraph({}))).toEqual([{ param: "queue", port: undefined, code: "invalid-param" }]);
    expect(diagnosticsOf(samplerGraph({ queue: "q", batchSize: 1001 }))).toEqual([{ param: "batchSize", port: undefined, code: "invalid-param" }]);
    expect(diagnosticsOf(samplerGraph({ queue: "q", batchSize: 0 }))).toEqual([{ param: "batchSize", port: undefined, code: "invalid-param" }]);
    expect(diagnosticsOf(samplerGraph({ queue: "q", keyColumn: "nope" }))).toEqual([expect.objectContaining({ param: "keyColumn", code: "unknown-column" })]);
  });

  it("refuses a regression model", () => {
    const regression = { id: "model", kind: "linear-regression", params: { target: "bill_length_mm" } };
    expect(diagnosticsOf(samplerGraph({ queue: "q" }, regression))).toEqual([{ param: undefined, port: "model", code: "invalid-schema" }]);
  });

  it("marks the pipeline as server-only", () => {
    expect(serverOnlyReason(compiled({ queue: "q" }), catalog)).toBe("The Uncertainty sampler sends rows to a labeling queue on the server");
  });
});

describe("running an Uncertainty sampler", () => {
  it("fails with a clear message where no labeling queue is offered (browser, CLI)", async () => {
    const result = await runSpec(compiled({ queue: "q" }), { datasets });
    expect(result.status).toBe("failed");
    expect(result.error).toEqual({ nodeId: "sampler", message: "The Uncertainty sampler sends rows to a labeling queue, which needs a server run." });
  });

  it("sends the batch's most uncertain rows with the target, classes, guess and confidence, and outputs them with their scores", async () => {
    const queues = new MemoryLabelingQueues();
    const { batch, logs, request } = await sample(compiled({ queue: "penguin labels", batchSize: 12, keyColumn: "id" }), queues);
    expect(request).toMatchObject({ queueName: "penguin labels", targetColumn: "species", classes: ["Adelie", "Chinstrap", "Gentoo"] });
    expect(request.rows).toHaveLength(12);
    expect(logs).toContain('queued 12 rows in "penguin labels"');

    // The output: the pool's columns without the blank target, then key, score, guess and confidence.
    expect(batch.rowCount).toBe(12);
    expect(batch.columns.map((c) => c.name)).toEqual([
      "id",
      "island",
      "bill_length_mm",
      "bill_depth_mm",
      "flipper_length_mm",
      "body_mass_g",
      "sex",
      "year",
      "row_key",
      "score",
      "guess",
      "confidence",
    ]);
    const keys = getColumn(batch, "row_key");
    const ids = getColumn(batch, "id");
    if (keys.type !== "text" || ids.type !== "text") throw new Error("keys and ids are text");
    expect(keys.values).toEqual(ids.values);
    expect(request.rows.map((row) => row.key)).toEqual(keys.values);

    // Best first, entropy in nats at most ln 3, and the guess is the most probable class.
    const scores = request.rows.map((row) => row.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s) => s > 0 && s <= Math.log(3))).toBe(true);
    for (const row of request.rows) {
      expect(["Adelie", "Chinstrap", "Gentoo"]).toContain(row.guess);
      expect(row.confidence).toBeGreaterThanOrEqual(1 / 3);
      expect(Object.keys(row.values)).not.toContain("species");
    }
  });

  it("skips rows the queue already holds, so the next run sends the next most uncertain ones", async () => {
    const queues = new MemoryLabelingQueues();
    const spec = compiled({ queue: "penguin labels", batchSize: 10, strategy: "least-confident" });
    const first = await sample(spec, queues);
    const second = await sample(spec, queues);
    const firstKeys = first.request.rows.map((row) => row.key);
    const secondKeys = second.request.rows.map((row) => row.key);
    expect(secondKeys).toHaveLength(10);
    expect(secondKeys.filter((key) => firstKeys.includes(key))).toEqual([]);
    expect(Math.max(...second.request.rows.map((row) => row.score))).toBeLessThanOrEqual(Math.min(...first.request.rows.map((row) => row.score)));
    expect(queues.queues.get("penguin labels")!.size).toBe(20);
    // Another queue knows none of them.
    const other = await sample(compiled({ queue: "other", batchSize: 10, strategy: "least-confident" }), queues);
    expect(other.request.rows.map((row) => row.key)).toEqual(firstKeys);
  });

  it("sends what is left when the pool has fewer rows than the batch, then nothing", async () => {
    const queues = new MemoryLabelingQueues();
    const spec = compiled({ queue: "all", batchSize: 1000 });
    const first = await sample(spec, queues);
    expect(first.request.rows).toHaveLength(lines.length - 1);
    const second = await sample(spec, queues);
    expect(second.request.rows).toEqual([]);
    expect(second.batch.rowCount).toBe(0);
    expect(second.logs[0]).toMatch(/^No rows left to sample: all \d+ pool rows are already in "all"$/);
  });

  it("repeats the random baseline for a seed and changes it with another", async () => {
    const keysFor = async (seed: number) =>
      (await sample(compiled({ queue: "q", strategy: "random", batchSize: 8, seed }), new MemoryLabelingQueues())).request.rows.map((row) => row.key);
    expect(await keysFor(3)).toEqual(await keysFor(3));
    expect(await keysFor(4)).not.toEqual(await keysFor(3));
  });

  it("spreads a diverse batch over the pool: full batch, no duplicate keys, not the same rows as the plain top batch", async () => {
    const plain = await sample(compiled({ queue: "q", batchSize: 15 }), new MemoryLabelingQueues());
    const diverse = await sample(compiled({ queue: "q", batchSize: 15, diversity: true }), new MemoryLabelingQueues());
    const diverseKeys = diverse.request.rows.map((row) => row.key);
    expect(new Set(diverseKeys).size).toBe(15);
    expect(diverseKeys).not.toEqual(plain.request.rows.map((row) => row.key));
  });
});
