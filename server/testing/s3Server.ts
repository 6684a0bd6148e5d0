import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

/** The credentials s3rver checks signatures against. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/**
 * A real HTTP S3 server (s3rver) on a free port with its own temporary directory and one bucket,
 * for tests and benchmarks of the S3 blob store. `objectWrites` counts the PUTs it has stored.
 */
export async function startS3Server(bucket = "vajra-test") {
  const directory = await mkdtemp(path.join(tmpdir(), "vajra-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const writes = new Map<string, number>();
  server.on("event", (event) => {
    for (const record of event.Records) {
      if (record.eventName.startsWith("ObjectCreated")) writes.set(record.s3.object.key, (writes.get(record.s3.object.key) ?? 0) + 1);
    }
  });
  const address = await server.run();
  let running = true;
  return {
    bucket,
    endpoint: `http://127.0.0.1:${address.port}`,
    objectWrites: (objectKey: string) => writes.get(objectKey) ?? 0,
    async close() {
      if (running) await server.close();
      running = false;
      await rm(directory, { recursive: true, force: true });
    },
  };
}
