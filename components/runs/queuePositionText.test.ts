import { describe, expect, it } from "vitest";
import { queuePositionText } from "./queuePositionText";

describe("queuePositionText", () => {
  it("says which queue a run waits in and where", () => {
    expect(queuePositionText({ phase: "project", position: 2 })).toBe("#2 in this project's queue");
    expect(queuePositionText({ phase: "worker", position: 1 })).toBe("#1 waiting for a worker");
  });
});
