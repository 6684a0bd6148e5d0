import { describe, expect, it } from "vitest";
import { JsonDepthScanner, tooDeepPath } from "./jsonDepth";

const encode = (text: string) => new TextEncoder().encode(text);

describe("JSON depth scanner", () => {
  it("passes JSON at the limit and reports the path of the first value past it", () => {
    expect(tooDeepPath('{"a":{"b":[1,2]}}', 3)).toBeNull();
    expect(tooDeepPath('{"a":{"b":[1,[2]]}}', 3)).toEqual(["a", "b", 1]);
    expect(tooDeepPath('[{"x":1},{"y":{"z":{}}}]', 3)).toEqual([1, "y", "z"]);
    expect(tooDeepPath("[[[]]]", 0)).toEqual([]);
  });

  it("ignores brackets, quotes and colons inside strings, escaped quotes included", () => {
    expect(tooDeepPath('{"a":"[[[[{{{{","b\\"[[":"\\\\","c":[]}', 2)).toBeNull();
    expect(tooDeepPath('{"k\\"ey:":{"n":[[]]}}', 3)).toEqual(['k\\"ey:', "n", 0]);
  });

  it("gives the same answer however the bytes are split into chunks", () => {
    const text = encode(`{"params":{"list":[0,{"deep":${"[".repeat(10)}1${"]".repeat(10)}}]}}`);
    for (const size of [1, 2, 3, 7, 64]) {
      const scanner = new JsonDepthScanner(8);
      let found: (string | number)[] | null = null;
      for (let i = 0; i < text.length && found === null; i += size) found = scanner.push(text.subarray(i, i + size));
      expect(found, `chunks of ${size}`).toEqual(["params", "list", 1, "deep", 0, 0, 0, 0]);
    }
  });

  it("names keys with multi-byte characters and cuts very long ones", () => {
    expect(tooDeepPath('{"größe":[[1]]}', 2)).toEqual(["größe", 0]);
    const long = "k".repeat(500);
    expect(tooDeepPath(`{"${long}":[[1]]}`, 2)).toEqual(["k".repeat(64), 0]);
  });

  it("scans 5,000 levels iteratively", () => {
    expect(tooDeepPath(`${"[".repeat(5000)}${"]".repeat(5000)}`, 64)).toHaveLength(64);
  });
});
