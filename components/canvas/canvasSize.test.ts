import { describe, expect, it } from "vitest";
import { canvasSizeCookie, canvasSizeFromCookie, DEFAULT_CANVAS_SIZE } from "./canvasSize";

describe("canvas size cookie", () => {
  it("reads back what the browser wrote", () => {
    const written = canvasSizeCookie({ width: 1407.6, height: 921.2 });
    expect(written).toMatch(/^vajra-canvas=1408x921; path=\/; max-age=\d+; samesite=lax$/);
    expect(canvasSizeFromCookie("1408x921")).toEqual({ width: 1408, height: 921 });
  });

  it("falls back to the default for missing, malformed or absurd values", () => {
    for (const value of [undefined, "", "1408", "1408x", "x921", "-5x10", "1e3x900", "99999x900", "50x50", "1408x921;evil"]) {
      expect(canvasSizeFromCookie(value)).toEqual(DEFAULT_CANVAS_SIZE);
    }
  });
});
