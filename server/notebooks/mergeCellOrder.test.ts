import { describe, expect, it } from "vitest";
import { mergeCellOrder } from "./mergeCellOrder";

const none = new Set<string>();

describe("mergeCellOrder", () => {
  it("keeps a cell another tab added, next to its neighbour, when this tab adds its own", () => {
    // Both tabs started from [a, b]; tab 1 saved [a, x, b]; tab 2 now saves [a, b, y].
    expect(mergeCellOrder({ server: ["a", "x", "b"], client: ["a", "b", "y"], written: new Set(["y"]), deleted: none })).toEqual(["a", "x", "b", "y"]);
  });

  it("applies this tab's move and delete without dropping the other tab's new cell", () => {
    expect(mergeCellOrder({ server: ["a", "b", "c", "z"], client: ["c", "a"], written: none, deleted: new Set(["b"]) })).toEqual(["c", "z", "a"]);
  });

  it("keeps cells deleted elsewhere deleted unless this save edits them", () => {
    expect(mergeCellOrder({ server: ["a"], client: ["a", "b", "c"], written: new Set(["c"]), deleted: none })).toEqual(["a", "c"]);
  });

  it("with no order from the client keeps the server's order and appends new written cells", () => {
    expect(mergeCellOrder({ server: ["a", "b"], client: null, written: new Set(["b", "n"]), deleted: new Set(["a"]) })).toEqual(["b", "n"]);
  });
});
