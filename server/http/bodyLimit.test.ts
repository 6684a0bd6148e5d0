import { describe, expect, it } from "vitest";
import { BodyRefused, readBodyWithLimits } from "./bodyLimit";

/** A request whose body arrives in the given chunks, with no Content-Length (as a chunked upload). */
function chunkedRequest(chunks: string[]): { request: Request; pulled: () => number } {
  let sent = 0;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks.length) controller.close();
      else controller.enqueue(encoder.encode(chunks[sent++]!));
    },
  });
  return { request: new Request("http://localhost/", { method: "POST", body, duplex: "half" } as RequestInit), pulled: () => sent };
}

async function refusal(promise: Promise<unknown>): Promise<BodyRefused> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof BodyRefused)) throw new Error(`expected a BodyRefused, got ${String(error)}`);
  return error;
}

describe("readBodyWithLimits", () => {
  it("returns the bytes of a body within the limits, across chunks", async () => {
    const { request } = chunkedRequest(['{"instances": [', '{"a": 1}', ', {"a": 2}]}']);
    const bytes = await readBodyWithLimits(request, { maxBytes: 100, maxJsonDepth: 3 });
    expect(new TextDecoder().decode(bytes)).toBe('{"instances": [{"a": 1}, {"a": 2}]}');
  });

  it("refuses with 413 once the streamed body passes the limit, and reads no further", async () => {
    const { request, pulled } = chunkedRequest(["x".repeat(60), "x".repeat(60), "x".repeat(60), "x".repeat(60)]);
    const refused = await refusal(readBodyWithLimits(request, { maxBytes: 100 }));
    expect([refused.status, refused.message]).toEqual([413, "The request body is larger than the limit of 100 bytes."]);
    expect(pulled()).toBeLessThan(4);
  });

  it("refuses JSON nested past the depth limit with 400 and the path", async () => {
    const { request } = chunkedRequest(['{"instances": [{"a": {"b": ', "[1]}}]}"]);
    const refused = await refusal(readBodyWithLimits(request, { maxBytes: 1000, maxJsonDepth: 4 }));
    expect([refused.status, refused.code]).toEqual([400, "JSON_TOO_DEEP"]);
    expect(refused.message).toBe("The input nests deeper than 4 levels at instances.0.a.b.");
  });

  it("reads an empty body as no bytes", async () => {
    expect(await readBodyWithLimits(new Request("http://localhost/", { method: "POST" }), { maxBytes: 10 })).toHaveLength(0);
  });
});
