import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { signedUpCaller } = await import("../testing/callers");
const { serveHandler } = await import("../testing/serveHandler");
const { handleDatasetUpload } = await import("../datasets/datasetUploadHandler");
const { mutated, randomBytes } = await import("@/pipeline/testing/clearOutcome");
const { writeParquetTestFile } = await import("@/pipeline/testing/parquetTestFile");

let token: string;
let projectId: string;
let http: Awaited<ReturnType<typeof serveHandler>>;

beforeAll(async () => {
  const owner = await signedUpCaller("fuzz@example.com");
  token = owner.token;
  projectId = (await owner.caller.project.create({ name: "Fuzz" })).id;
  http = await serveHandler((req) => handleDatasetUpload(req, projectId));
});

afterAll(() => http.close());

const encode = (text: string) => new TextEncoder().encode(text);
const files = [
  encode('a,b,c\n1,x,2024-01-01\n2,"y, z",\n3,"multi\nline",2024-02-03\n'),
  encode(
    JSON.stringify([
      { a: 1, b: "x" },
      { a: null, c: [1, 2] },
    ]),
  ),
  encode('{"a":1}\n{"b":"two"}\n'),
  writeParquetTestFile([
    { name: "n", type: "INT32", values: [1, null, 3] },
    { name: "s", type: "UTF8", values: ["a", "b", null] },
  ]),
];

describe("dataset uploads answer any file with a version or a clear 4xx, never a 500", () => {
  it("damaged and random files under every format's name", async () => {
    const names = fc.constantFrom("data.csv", "data.json", "data.jsonl", "data.parquet", "data.txt", "data");
    const bodies = fc.oneof(randomBytes, ...files.map((file) => mutated(file)));
    await fc.assert(
      fc.asyncProperty(names, bodies, async (fileName, body) => {
        const answer = await fetch(`${http.url}/api/projects/${projectId}/datasets?name=fuzz&fileName=${fileName}`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
          body: new Uint8Array(body),
        });
        const text = await answer.text();
        expect([200, 201, 400, 413, 422], text).toContain(answer.status);
        if (answer.status >= 400) {
          const { error } = JSON.parse(text) as { error: { message: string } };
          expect(error.message.trim()).not.toBe("");
          expect(error.message).not.toMatch(
            /Cannot read propert|is not a function|Maximum call stack|Invalid (typed )?array length|undefined \(reading|\/tmp\/|prisma|postgres/i,
          );
        }
      }),
      { numRuns: 80, interruptAfterTimeLimit: 30_000, seed: Number(process.env.FUZZ_SEED ?? 20261203) },
    );
  }, 120_000);
});
