import { describe, expect, it } from "vitest";
import { freeSpotFor } from "./notePlacement";

const size = { width: 240, height: 140 };

describe("freeSpotFor", () => {
  it("centres the note on an empty canvas", () => {
    expect(freeSpotFor({ x: 500, y: 300 }, size, [])).toEqual({ x: 380, y: 230 });
  });

  it("moves below a node that sits in the middle of the view", () => {
    const node = { x: 400, y: 270, width: 180, height: 60 };
    const spot = freeSpotFor({ x: 500, y: 300 }, size, [node]);
    expect(spot).toEqual({ x: 380, y: 230 + 94 * 2 });
    expect(spot.y).toBeGreaterThan(node.y + node.height);
  });

  it("tries above when below is taken too", () => {
    const nodes = [
      { x: 400, y: 270, width: 180, height: 60 },
      { x: 380, y: 330, width: 240, height: 400 },
    ];
    const spot = freeSpotFor({ x: 500, y: 300 }, size, nodes);
    expect(spot.y + size.height).toBeLessThan(270);
  });

  it("falls back to the centre when everything around is taken", () => {
    const wall = { x: -10_000, y: -10_000, width: 20_000, height: 20_000 };
    expect(freeSpotFor({ x: 500, y: 300 }, size, [wall])).toEqual({ x: 380, y: 230 });
  });
});
