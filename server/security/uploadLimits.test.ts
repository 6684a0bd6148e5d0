import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { signedUpCaller } = await import("../testing/callers");
const { serveHandler } = await import("../testing/serveHandler");
const { postChunked, repeatedChunks } = await import("../testing/chunkedRequest");
const { handleDatasetUpload, MAX_DATASET_UPLOAD_BYTES } = await import("../datasets/datasetUploadHandler");

type Owner = Awaited<ReturnType<typeof signedUpCaller>>;
let owner: Owner;
let projectId: string;
let http: Awaited<ReturnType<typeof serveHandler>>;
// Uploads stream to temporary files under os.tmpdir(); a directory of our own shows what is left behind.
const uploadTemp = mkdtempSync(path.join(tmpdir(), "vajra-upload-test-"));
const previousTmp = process.env.TMPDIR;

beforeAll(async () => {
  process.env.TMPDIR = uploadTemp;
  owner = await signedUpCaller("uploads@example.com");
  projectId = (await owner.caller.project.create({ name: "Uploads" })).id;
  http = await serveHandler((req) => handleDatasetUpload(req, projectId));
});

afterAll(async () => {
  process.env.TMPDIR = previousTmp;
  await http.close();
  rmSync(uploadTemp, { recursive: true, force: true });
});

const boundary = "----vajra-test-boundary";
const multipart = { "content-type": `multipart/form-data; boundary=${boundary}` };
const auth = () => ({ authorization: `Bearer ${owner.token}` });
const filePart = (fileName: string, field = "file") =>
  `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`;
const textPart = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const end = `\r\n--${boundary}--\r\n`;

async function projectDatasetNames() {
  const list = await owner.caller.dataset.list({ projectId });
  return list.filter((d) => d.kind === "project").map((d) => d.name);
}

describe("dataset uploads are limited while they stream", () => {
  it("stores a multipart upload streamed in chunks, with its name field", async () => {
    const answer = await postChunked(`${http.url}/?x=1`, { ...auth(), ...multipart }, [
      textPart("name", "streamed"),
      filePart("s.csv"),
      "a,b\n1,2\n3,4\n",
      end,
    ]);
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({ created: true, version: { fileName: "s.csv", rowCount: 2 } });
    expect(await projectDatasetNames()).toContain("streamed");
    expect(readdirSync(uploadTemp)).toEqual([]);
  });

  it("keeps a UTF-8 file name as sent", async () => {
    const answer = await postChunked(`${http.url}/`, { ...auth(), ...multipart }, [filePart("größe.csv"), "a\n1\n", end]);
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({ version: { fileName: "größe.csv" } });
  });

  it("deletes the temporary file when the client goes away mid-upload", async () => {
    const req = request(`${http.url}/`, { method: "POST", headers: { ...auth(), ...multipart, "transfer-encoding": "chunked" } });
    req.on("error", () => undefined);
    req.write(filePart("gone.csv") + "a,b\n");
    req.write(Buffer.alloc(1024 * 1024, "1"));
    // The file is being written when the client disappears.
    await expect.poll(() => readdirSync(uploadTemp).length, { timeout: 5000 }).toBe(1);
    req.destroy();
    await expect.poll(() => readdirSync(uploadTemp), { timeout: 5000 }).toEqual([]);
    expect(await projectDatasetNames()).not.toContain("gone");
  });

  it("refuses a 120 MB multipart file with 413 soon after 50 MB, storing nothing and leaving no temporary file", async () => {
    const answer = await postChunked(`${http.url}/`, { ...auth(), ...multipart }, [
      textPart("name", "too big"),
      filePart("big.csv"),
      "a,b\n",
      ...repeatedChunks((120 * 1024 * 1024) / (64 * 1024), 64 * 1024, "1"),
      end,
    ]);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: "PAYLOAD_TOO_LARGE", message: "The request body is larger than the limit of 50 MiB." } });
    expect(answer.sent).toBeLessThan(MAX_DATASET_UPLOAD_BYTES + 16 * 1024 * 1024);
    expect(await projectDatasetNames()).not.toContain("too big");
    expect(readdirSync(uploadTemp)).toEqual([]);
  });

  it("refuses a 60 MB raw (non-multipart) chunked body with 413, leaving no temporary file", async () => {
    const answer = await postChunked(`${http.url}/?name=raw&fileName=raw.csv`, { ...auth(), "content-type": "text/csv" }, [
      "a\n",
      ...repeatedChunks((60 * 1024 * 1024) / (64 * 1024), 64 * 1024, "1"),
    ]);
    expect(answer.status).toBe(413);
    expect(await projectDatasetNames()).not.toContain("raw");
    expect(readdirSync(uploadTemp)).toEqual([]);
  });

  it("refuses forms it cannot take with 400 and a reason: two files, an oversized field, a malformed body", async () => {
    const two = await postChunked(`${http.url}/`, { ...auth(), ...multipart }, [filePart("a.csv"), "a\n1\n\r\n", filePart("b.csv"), "b\n2\n", end]);
    expect(two.status).toBe(400);
    expect(two.body).toContain("one file");
    const longName = await postChunked(`${http.url}/`, { ...auth(), ...multipart }, [textPart("name", "n".repeat(5000)), filePart("c.csv"), "c\n1\n", end]);
    expect(longName.status).toBe(400);
    expect(JSON.parse(longName.body)).toEqual({ error: { code: "BAD_REQUEST", message: 'The form field "name" is longer than 1024 bytes.' } });
    const truncated = await postChunked(`${http.url}/`, { ...auth(), ...multipart }, [filePart("d.csv"), "d\n1\n"]);
    expect(truncated.status).toBe(400);
    expect(truncated.body).toContain("malformed");
    const noBoundary = await postChunked(`${http.url}/`, { ...auth(), "content-type": "multipart/form-data" }, ["x"]);
    expect(noBoundary.status).toBe(400);
    expect(readdirSync(uploadTemp)).toEqual([]);
  });
});
