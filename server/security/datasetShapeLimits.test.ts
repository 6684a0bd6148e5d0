import { rm } from "node:fs/promises";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

const { dataDir } = await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { serveHandler } = await import("../testing/serveHandler");
const { handleDatasetUpload } = await import("../datasets/datasetUploadHandler");
const { defaultBlobStore } = await import("../artifacts/defaultStore");
const { MAX_CELL_CHARS, MAX_COLUMN_NAME_CHARS, MAX_DATASET_COLUMNS } = await import("../datasets/datasetLimits");

type Owner = Awaited<ReturnType<typeof signedUpCaller>>;
let owner: Owner;
let viewer: Owner;
let projectId: string;
let http: Awaited<ReturnType<typeof serveHandler>>;

beforeAll(async () => {
  owner = await signedUpCaller("shapes@example.com");
  viewer = await signedUpCaller("shape-viewer@example.com");
  projectId = (await owner.caller.project.create({ name: "Shapes" })).id;
  const link = await owner.caller.shareLink.create({ projectId, role: "viewer" });
  await viewer.caller.shareLink.accept({ token: link.token });
  http = await serveHandler((req) => handleDatasetUpload(req, projectId));
});

afterAll(() => http.close());

function upload(name: string, body: string) {
  return fetch(`${http.url}/?name=${encodeURIComponent(name)}&fileName=${encodeURIComponent(`${name}.csv`)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${owner.token}`, "content-type": "text/csv" },
    body,
  });
}

function wideCsv(columns: number): string {
  return `${Array.from({ length: columns }, (_, i) => `c${i}`).join(",")}\n${Array.from({ length: columns }, () => "1").join(",")}\n`;
}

async function storedNames() {
  return (await owner.caller.dataset.list({ projectId })).filter((d) => d.kind === "project").map((d) => d.name);
}

const schemasOf = (caller: Owner["caller"], datasetId: string) =>
  caller.dataset.schemas({ projectId, nodes: [{ id: "load", kind: "load", params: { dataset: `dataset:${datasetId}` } }] });

describe("dataset shape limits at upload", () => {
  it("refuses a 9.9 MB CSV with 1,000,000 columns with 422 quickly, storing nothing", async () => {
    const csv = wideCsv(1_000_000);
    const started = performance.now();
    const response = await upload("million", csv);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: {
        code: "UNPROCESSABLE_CONTENT",
        message: `million.csv: The file has more than 2,000 columns; the limit is ${MAX_DATASET_COLUMNS}. Drop or combine columns before uploading.`,
      },
    });
    // The header is counted before parsing: it took 12 s to parse this file.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await storedNames()).not.toContain("million");
  });

  it("refuses JSON Lines rows with 1,000,000 distinct keys the same way, before parsing", async () => {
    const jsonl = `{${Array.from({ length: 1_000_000 }, (_, i) => `"c${i}":1`).join(",")}}\n`;
    const started = performance.now();
    const response = await fetch(`${http.url}/?name=keys&fileName=keys.jsonl`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner.token}` },
      body: jsonl,
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain(`limit is ${MAX_DATASET_COLUMNS}`);
    // Parsing this file took 7 s.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("takes exactly the column limit and refuses one more", async () => {
    const atLimit = await upload("at limit", wideCsv(MAX_DATASET_COLUMNS));
    expect(atLimit.status).toBe(201);
    const over = await upload("over limit", wideCsv(MAX_DATASET_COLUMNS + 1));
    expect(over.status).toBe(422);
    expect(await over.text()).toContain(`limit is ${MAX_DATASET_COLUMNS}`);
  });

  it("refuses an oversized cell or column name with 422 naming where it is", async () => {
    const cell = await upload("big cell", `id,review\n1,short\n2,${"w".repeat(MAX_CELL_CHARS + 1)}\n`);
    expect(cell.status).toBe(422);
    expect(((await cell.json()) as { error: { message: string } }).error.message).toBe(
      `big cell.csv: The cell at row 2 of column "review" is ${(MAX_CELL_CHARS + 1).toLocaleString("en-US")} characters long; the limit is ${MAX_CELL_CHARS.toLocaleString("en-US")}.`,
    );
    const name = await upload("long name", `${"n".repeat(MAX_COLUMN_NAME_CHARS + 1)},b\n1,2\n`);
    expect(name.status).toBe(422);
    expect(await name.text()).toContain(`the limit is ${MAX_COLUMN_NAME_CHARS}`);
    expect(await storedNames()).not.toContain("big cell");
  });

  it("refuses a binary file named .csv with 422 saying it is not text, storing nothing", async () => {
    const post = (name: string, bytes: Uint8Array<ArrayBuffer>) =>
      fetch(`${http.url}/?name=${encodeURIComponent(name)}&fileName=${encodeURIComponent(`${name}.csv`)}`, {
        method: "POST",
        headers: { authorization: `Bearer ${owner.token}`, "content-type": "application/octet-stream" },
        body: bytes,
      });
    // NUL bytes and invalid UTF-8: this was stored as a 1-row dataset.
    const evil = await post("evil", Uint8Array.of(0x00, 0xff, 0xfe, 0x00, 0x41, 0xc3, 0x28, 0x00, 0x0a, 0x80));
    expect(evil.status).toBe(422);
    expect(((await evil.json()) as { error: { message: string } }).error.message).toBe(
      "Could not read evil.csv as csv: This is not a text file: it holds a NUL byte at byte 0. Upload CSV, JSON or Parquet.",
    );
    const workbook = await post("workbook", Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00));
    expect(workbook.status).toBe(422);
    expect(await workbook.text()).toContain("export the sheet as CSV (UTF-8) first");
    // Latin-1 text is still text: its accented bytes are not control characters.
    const latin1 = await post("latin1", Uint8Array.from([..."name,city\n1,Z".split("").map((c) => c.charCodeAt(0)), 0xfc, 0x72, 0x69, 0x63, 0x68, 0x0a]));
    expect(latin1.status).toBe(201);
    expect(await storedNames()).not.toContain("evil");
    expect(await storedNames()).not.toContain("workbook");
  });

  it("refuses the same through tRPC dataset.upload with UNPROCESSABLE_CONTENT", async () => {
    const refused = await owner.caller.dataset
      .upload({ projectId, name: "wide text", fileName: "w.csv", content: wideCsv(MAX_DATASET_COLUMNS + 1) })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("UNPROCESSABLE_CONTENT");
  });
});

describe("schemas are read as stored at upload, never by parsing the file again", () => {
  it("answers versions and schemas for a viewer even when the file itself is gone", async () => {
    const response = await upload("stored", "x,label\n1.5,a\n2.5,b\n");
    const { datasetId, version } = (await response.json()) as { datasetId: string; version: { contentHash: string } };
    // Take the bytes away: a read that parsed the file would now fail.
    await rm(path.join(dataDir, "artifacts", version.contentHash.slice(0, 2), version.contentHash));
    const expected = {
      columns: [
        { name: "x", type: "number" },
        { name: "label", type: "category" },
      ],
    };
    const versions = await viewer.caller.dataset.versions({ projectId, datasetId });
    expect(versions.versions[0]).toMatchObject({ rowCount: 2, columnCount: 2, schema: expected });
    expect(await schemasOf(viewer.caller, datasetId)).toEqual({ schemas: { [`dataset:${datasetId}`]: expected }, failures: [] });
  });

  it("lists a version wider than the limit (uploaded before it) without its schema, and reports it on the Load node", async () => {
    const columns = MAX_DATASET_COLUMNS * 3;
    const blob = await defaultBlobStore().put(new TextEncoder().encode(wideCsv(columns)));
    const dataset = await db.dataset.create({ data: { projectId, name: "legacy wide" } });
    const schema = JSON.stringify({ columns: Array.from({ length: columns }, (_, i) => ({ name: `c${i}`, type: "integer" })) });
    await db.datasetVersion.create({
      data: {
        datasetId: dataset.id,
        number: 1,
        contentHash: blob.sha256,
        storageKey: blob.key,
        fileName: "legacy.csv",
        format: "csv",
        schema,
        rowCount: 1,
        // Counted when the version was stored (by the upload, or by the import of an older project).
        columnCount: columns,
        bytes: blob.bytes,
        createdById: owner.user.id,
      },
    });

    const versions = await viewer.caller.dataset.versions({ projectId, datasetId: dataset.id });
    expect(versions.versions[0]).toMatchObject({ columnCount: columns, schema: null });
    expect(await schemasOf(viewer.caller, dataset.id)).toEqual({
      schemas: {},
      failures: [{ nodeId: "load", message: `legacy.csv has ${columns} columns, over the limit of ${MAX_DATASET_COLUMNS}. Upload a narrower version.` }],
    });
  });
});
