import { describe, expect, it } from "vitest";
import { isRefusedLoad, OtherOriginError } from "./notebookBlockedLoads";
import { guardedFetch } from "./notebookFetchGuard";

const ORIGIN = "http://localhost:3000";
const blocked = [{ url: "https://example.com/evil.js", line: 2 }];

describe("isRefusedLoad", () => {
  it("recognises the browser's errors for loads the policy refused", () => {
    expect(isRefusedLoad(new TypeError("Failed to fetch dynamically imported module: https://example.com/evil.js"), blocked)).toBe(true);
    expect(isRefusedLoad(new TypeError("Failed to fetch"), blocked)).toBe(true);
    expect(isRefusedLoad(Object.assign(new Error("A network error occurred."), { name: "NetworkError" }), blocked)).toBe(true);
  });

  it("keeps the cell's own errors, and needs a violation to blame", () => {
    expect(isRefusedLoad(new TypeError("Cannot read properties of null (reading 'boom')"), blocked)).toBe(false);
    expect(isRefusedLoad(new TypeError("Failed to fetch"), [])).toBe(false);
    expect(isRefusedLoad("Failed to fetch", blocked)).toBe(false);
  });
});

describe("guardedFetch", () => {
  const calls: string[] = [];
  const original = ((input: URL) => {
    calls.push(String(input));
    return Promise.resolve(new Response("ok"));
  }) as typeof fetch;
  const guarded = guardedFetch(original, ORIGIN);

  it("refuses other origins with the notebook's message, before any request", async () => {
    await expect(guarded("https://example.com/model.json")).rejects.toThrow(OtherOriginError);
    await expect(guarded(new Request("https://example.com/x"))).rejects.toThrow(
      "Loading code or data from other origins is not allowed in notebooks (blocked https://example.com/x).",
    );
    expect(calls).toEqual([]);
  });

  it("lets same-origin files through but not the app's API", async () => {
    await expect(guarded("/datasets/iris.csv")).resolves.toBeInstanceOf(Response);
    await expect(guarded("/api/trpc/project.list")).rejects.toThrow("may not call the app's API");
    expect(calls).toEqual([`${ORIGIN}/datasets/iris.csv`]);
  });
});
