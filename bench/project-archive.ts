/**
 * Project export and import of a project whose datasets total `--megabytes` (two CSV versions),
 * against references measured in the same run: gzip and gunzip of the same files with Node's zlib
 * streams (the floor any .tar.gz costs), and reading the files as an upload does (the import
 * parses each dataset file again, which dominates its time and memory). Peak RSS growth shows
 * whether the archive itself passes through memory whole. Run with `npx tsx --conditions=react-server bench/project-archive.ts [--megabytes 40]`.
 */
import { createReadStream, createWriteStream, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createGunzip, createGzip } from "node:zlib";
import { useFreshDatabase } from "../server/testing/testDatabase";

const { dataDir } = await useFreshDatabase();
const { db } = await import("../server/db");
const { signedUpCaller } = await import("../server/testing/callers");
const { defaultBlobStore } = await import("../server/artifacts/defaultStore");
const { createDatasetVersion, readDatasetFile } = await import("../server/datasets/datasetVersions");
const { projectManifest, projectArchiveStream } = await import("../server/projects/exportProject");
const { importProjectArchive } = await import("../server/projects/importProject");

const flag = process.argv.indexOf("--megabytes");
const megabytes = flag === -1 ? 40 : Number(process.argv[flag + 1]);
const MB = 1024 * 1024;
const blobs = defaultBlobStore();

/** A CSV of random numbers (compresses about 2:1, like real measurements). */
function csv(bytes: number, seed: number): Uint8Array {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31).toFixed(6);
  const lines = ["a,b,c,d,label"];
  let size = lines[0]!.length + 1;
  while (size < bytes) {
    const line = `${random()},${random()},${random()},${random()},${Number(random()) > 0.5 ? "yes" : "no"}`;
    lines.push(line);
    size += line.length + 1;
  }
  return new TextEncoder().encode(lines.join("\n") + "\n");
}

/** Runs `work` while sampling RSS; returns seconds and the peak growth over the RSS at the start, in MB. */
async function measure(work: () => Promise<void>): Promise<{ seconds: number; growthMb: number }> {
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  await work();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds: (performance.now() - started) / 1000, growthMb: (peak - baseline) / MB };
}

const owner = await signedUpCaller("bench-archive@example.com");
const importer = await signedUpCaller("bench-importer@example.com");
const projectId = (await owner.caller.project.create({ name: "Archive bench" })).id;
const files = [csv((megabytes / 2) * MB, 1), csv((megabytes / 2) * MB, 2)];
const versions: { storageKey: string }[] = [];
for (const bytes of files) {
  const created = await createDatasetVersion(db, blobs, { projectId, userId: owner.user.id, name: "measurements", fileName: "m.csv", bytes });
  versions.push(created.version);
}
const storeFile = (key: string) => path.join(dataDir, "artifacts", key.slice(0, 2), key);
const work = mkdtempSync(path.join(tmpdir(), "vajra-archive-bench-"));
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

// Reference: the same files through gzip to disk, and back through gunzip.
const referenceFile = path.join(work, "reference.gz");
const gzipRef = await measure(async () => {
  const out = createWriteStream(referenceFile);
  for (const version of versions) await pipeline(createReadStream(storeFile(version.storageKey)), createGzip(), out, { end: false });
  out.end();
  await new Promise<void>((resolve) => out.on("close", () => resolve()));
});
const gunzipRef = await measure(() => pipeline(createReadStream(referenceFile), createGunzip(), discard()));

const parseRef = await measure(async () => {
  for (const file of files) await readDatasetFile("m.csv", file);
});

const archiveFile = path.join(work, "project.vajra.tar.gz");
const exported = await measure(async () => {
  const manifest = await projectManifest(db, projectId, owner.user.id);
  await pipeline(Readable.fromWeb(projectArchiveStream(blobs, manifest) as NodeReadableStream<Uint8Array>), createWriteStream(archiveFile));
});
const imported = await measure(async () => {
  const body = Readable.toWeb(createReadStream(archiveFile)) as ReadableStream<Uint8Array>;
  await importProjectArchive(db, blobs, { userId: importer.user.id, body, limits: { maxUnpackedBytes: 4 * 1024 * MB } });
});

const total = files.reduce((sum, file) => sum + file.byteLength, 0) / MB;
const row = (label: string, m: { seconds: number; growthMb: number }, reference?: { seconds: number }) =>
  console.log(
    `${label.padEnd(38)} ${m.seconds.toFixed(2).padStart(6)} s  ${(total / m.seconds).toFixed(0).padStart(5)} MB/s  RSS +${m.growthMb.toFixed(0).padStart(4)} MB` +
      (reference ? `  ${(m.seconds / reference.seconds).toFixed(2)}× its reference` : ""),
  );
console.log(`${total.toFixed(0)} MB of dataset files, archive ${(statSync(archiveFile).size / MB).toFixed(1)} MB`);
row("reference: gzip to disk", gzipRef);
row("reference: gunzip", gunzipRef);
row("export (manifest + stream to disk)", exported, gzipRef);
row("reference: read as an upload does", parseRef);
row("import (stream, verify, store, rows)", imported, { seconds: gunzipRef.seconds + parseRef.seconds });
process.exit(0);
