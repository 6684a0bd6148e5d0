/**
 * Peak RSS growth of the server process while a client streams a 120 MB multipart dataset upload
 * (chunked, no Content-Length) to POST /api/projects/{id}/datasets, which refuses it past 50 MB.
 * Server and client share this process; the client reuses one 64 KiB buffer, so the growth is
 * the handler's. Run with `npx tsx --conditions=react-server bench/upload-memory.ts [--megabytes 120]`.
 */
import { useFreshDatabase } from "../server/testing/testDatabase";

await useFreshDatabase();
const { signedUpCaller } = await import("../server/testing/callers");
const { serveHandler } = await import("../server/testing/serveHandler");
const { postChunked } = await import("../server/testing/chunkedRequest");
const { handleDatasetUpload } = await import("../server/datasets/datasetUploadHandler");

const flag = process.argv.indexOf("--megabytes");
const megabytes = flag === -1 ? 120 : Number(process.argv[flag + 1]);

const owner = await signedUpCaller("bench@example.com");
const projectId = (await owner.caller.project.create({ name: "Upload memory" })).id;
const http = await serveHandler((req) => handleDatasetUpload(req, projectId));

const boundary = "----vajra-bench";
function* body(): Generator<Uint8Array> {
  yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\na,b\n`);
  const rows = Buffer.from("1,2\n".repeat(16 * 1024));
  for (let sent = 0; sent < megabytes * 1024 * 1024; sent += rows.byteLength) yield rows;
  yield Buffer.from(`\r\n--${boundary}--\r\n`);
}

globalThis.gc?.();
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
const started = performance.now();
const answer = await postChunked(http.url, { authorization: `Bearer ${owner.token}`, "content-type": `multipart/form-data; boundary=${boundary}` }, body());
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(
  `${megabytes} MB multipart upload: HTTP ${answer.status} after ${(answer.sent / 1024 / 1024).toFixed(1)} MB sent, ${((performance.now() - started) / 1000).toFixed(2)} s`,
);
console.log(`answer: ${answer.body.slice(0, 200)}`);
console.log(
  `server RSS: baseline ${(baseline / 1024 / 1024).toFixed(0)} MB, peak ${(peak / 1024 / 1024).toFixed(0)} MB, growth ${((peak - baseline) / 1024 / 1024).toFixed(0)} MB`,
);
await http.close();
process.exit(0);
