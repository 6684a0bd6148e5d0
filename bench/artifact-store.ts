/**
 * Blob store throughput: the local directory against S3 over real HTTP (s3rver on this machine,
 * so the figures are the protocol's and the SDK's cost, not a network's), in the same run.
 * One 50 MB blob streamed in (putStream) and out (open), 200 blobs of 64 KB through put and get,
 * and a second upload of content already stored (hashed and skipped). Peak RSS growth during the
 * 50 MB transfers shows that neither store holds the blob in memory.
 * Usage: npx tsx bench/artifact-store.ts [--large-mb 50] [--small 200] [--rounds 3]
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BlobStore } from "../server/artifacts/blobStore";
import { LocalBlobStore } from "../server/artifacts/localBlobStore";
import { S3BlobStore } from "../server/artifacts/s3BlobStore";
import { S3RVER_CREDENTIALS, startS3Server } from "../server/testing/s3Server";

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}
const largeMb = flag("large-mb", 50);
const smallCount = flag("small", 200);
const rounds = flag("rounds", 3);
const SMALL_BYTES = 64 * 1024;
const MB = 1024 * 1024;

/** Yields the buffer in 64 KiB slices, as an upload arrives. */
async function* slices(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += 64 * 1024) yield bytes.subarray(offset, offset + 64 * 1024);
}

async function drain(body: ReadableStream<Uint8Array>): Promise<number> {
  let total = 0;
  const reader = body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) total += next.value.byteLength;
  return total;
}

/** Runs `work` while sampling RSS; returns seconds and the peak growth over the RSS at the start. */
async function measured(work: () => Promise<unknown>): Promise<{ seconds: number; rssGrowthMb: number }> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds, rssGrowthMb: (peak - baseline) / MB };
}

interface Figures {
  largeWrite: number;
  largeRead: number;
  largeRewrite: number;
  smallWrite: number;
  smallRead: number;
  largeWriteRss: number;
  largeReadRss: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(store: BlobStore): Promise<Figures> {
  const samples: Figures[] = [];
  for (let round = 0; round < rounds; round++) {
    // Fresh content every round, so every write is a real upload.
    const large = randomBytes(largeMb * MB);
    const small = Array.from({ length: smallCount }, () => randomBytes(SMALL_BYTES));
    let key = "";
    const write = await measured(async () => (key = (await store.putStream(slices(large))).key));
    const read = await measured(async () => {
      const opened = await store.open(key);
      if ((await drain(opened.body)) !== large.byteLength) throw new Error("short read");
    });
    const rewrite = await measured(() => store.putStream(slices(large)));
    const keys: string[] = [];
    const smallWrite = await measured(async () => {
      for (const bytes of small) keys.push((await store.put(bytes)).key);
    });
    const smallRead = await measured(async () => {
      for (const smallKey of keys) await store.get(smallKey);
    });
    const smallMb = (smallCount * SMALL_BYTES) / MB;
    samples.push({
      largeWrite: largeMb / write.seconds,
      largeRead: largeMb / read.seconds,
      largeRewrite: largeMb / rewrite.seconds,
      smallWrite: smallMb / smallWrite.seconds,
      smallRead: smallMb / smallRead.seconds,
      largeWriteRss: write.rssGrowthMb,
      largeReadRss: read.rssGrowthMb,
    });
  }
  const keys = Object.keys(samples[0]!) as (keyof Figures)[];
  return Object.fromEntries(
    keys.map((k) => [k, k.endsWith("Rss") ? Math.max(...samples.map((s) => s[k])) : median(samples.map((s) => s[k]))]),
  ) as unknown as Figures;
}

const root = mkdtempSync(path.join(tmpdir(), "vajra-bench-blobs-"));
const s3 = await startS3Server("vajra-bench");
try {
  const local = await measure(new LocalBlobStore(root));
  const remote = await measure(new S3BlobStore({ bucket: s3.bucket, region: "us-east-1", endpoint: s3.endpoint, credentials: S3RVER_CREDENTIALS }));

  console.log(`Blob store throughput, MB/s (median of ${rounds} rounds); S3 = s3rver over HTTP on this machine\n`);
  const rows: [string, keyof Figures][] = [
    [`write 1 × ${largeMb} MB (putStream)`, "largeWrite"],
    [`read 1 × ${largeMb} MB (open, streamed)`, "largeRead"],
    [`write again, already stored (hash + skip)`, "largeRewrite"],
    [`write ${smallCount} × 64 KB (put)`, "smallWrite"],
    [`read ${smallCount} × 64 KB (get)`, "smallRead"],
  ];
  console.log(`${"".padEnd(44)}${"local".padStart(10)}${"S3".padStart(10)}${"S3 / local".padStart(12)}`);
  for (const [label, k] of rows) {
    console.log(`${label.padEnd(44)}${local[k].toFixed(1).padStart(10)}${remote[k].toFixed(1).padStart(10)}${(remote[k] / local[k]).toFixed(2).padStart(12)}`);
  }
  console.log(
    `\npeak RSS growth, MB (max over rounds): ${largeMb} MB write local ${local.largeWriteRss.toFixed(0)}, S3 ${remote.largeWriteRss.toFixed(0)}; ` +
      `read local ${local.largeReadRss.toFixed(0)}, S3 ${remote.largeReadRss.toFixed(0)} (includes garbage not yet collected; the benchmark and s3rver share this process)`,
  );
} finally {
  await s3.close();
  rmSync(root, { recursive: true, force: true });
}
