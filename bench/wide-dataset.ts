/**
 * Cost of a very wide dataset: uploads a ~10 MB CSV with `--columns` columns (default 1,000,000)
 * over HTTP, then times `dataset.versions` and `dataset.schemas` (what any viewer can call) and
 * the process's RSS growth during them. When the upload is refused (the column limit), the same
 * file is stored the way a version uploaded before the limit was, to time reads of such legacy
 * versions. Run with `npx tsx --conditions=react-server bench/wide-dataset.ts [--columns 1000000]`.
 */
import { useFreshDatabase } from "../server/testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../server/db");
const { signedUpCaller } = await import("../server/testing/callers");
const { serveHandler } = await import("../server/testing/serveHandler");
const { handleDatasetUpload } = await import("../server/datasets/datasetUploadHandler");
const { defaultBlobStore } = await import("../server/artifacts/defaultStore");

const flag = process.argv.indexOf("--columns");
const columns = flag === -1 ? 1_000_000 : Number(process.argv[flag + 1]);

const owner = await signedUpCaller("wide@example.com");
const projectId = (await owner.caller.project.create({ name: "Wide" })).id;
const http = await serveHandler((req) => handleDatasetUpload(req, projectId));

const header = Array.from({ length: columns }, (_, i) => `c${i}`).join(",");
const row = Array.from({ length: columns }, () => "1").join(",");
const csv = `${header}\n${row}\n`;
console.log(`CSV: ${columns} columns, ${(csv.length / 1e6).toFixed(1)} MB`);

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  try {
    return await work();
  } finally {
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(2)} s, RSS +${((peak - before) / 1024 / 1024).toFixed(0)} MB`);
  }
}

const upload = await timed("upload", () =>
  fetch(`${http.url}/?name=wide&fileName=wide.csv`, { method: "POST", headers: { authorization: `Bearer ${owner.token}` }, body: csv }),
);
const answer = (await upload.json()) as { datasetId?: string; error?: { message: string } };
console.log(`upload answered ${upload.status}: ${JSON.stringify(answer).slice(0, 160)}`);
let datasetId = answer.datasetId;
if (datasetId === undefined) {
  // Refused now: store it as a version from before the limits (schema as it was stored then).
  const blob = await defaultBlobStore().put(new TextEncoder().encode(csv));
  const dataset = await db.dataset.create({ data: { projectId, name: "legacy wide" } });
  const schema = JSON.stringify({ columns: Array.from({ length: columns }, (_, i) => ({ name: `c${i}`, type: "integer" })) });
  await db.datasetVersion.create({
    data: {
      datasetId: dataset.id,
      number: 1,
      contentHash: blob.sha256,
      storageKey: blob.key,
      fileName: "wide.csv",
      format: "csv",
      schema,
      rowCount: 1,
      // As an upload (or the import of an older project) counts it.
      columnCount: columns,
      bytes: blob.bytes,
      createdById: owner.user.id,
    },
  });
  datasetId = dataset.id;
  console.log("stored as a legacy version, for the read timings");
}
for (let i = 0; i < 2; i++) {
  await timed(`dataset.versions #${i + 1}`, () => owner.caller.dataset.versions({ projectId, datasetId: datasetId! }));
  await timed(`dataset.schemas #${i + 1}`, () =>
    owner.caller.dataset.schemas({ projectId, nodes: [{ id: "load", kind: "load", params: { dataset: `dataset:${datasetId}` } }] }),
  );
}
await http.close();
process.exit(0);
