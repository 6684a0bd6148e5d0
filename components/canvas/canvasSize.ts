import { z } from "zod";

export interface CanvasSize {
  width: number;
  height: number;
}

/** The canvas's size on a 1280 × 720 screen (the smallest we lay out for), for a browser that has not told us its own. */
export const DEFAULT_CANVAS_SIZE: CanvasSize = { width: 768, height: 560 };

/**
 * The browser remembers its canvas's size in a cookie so the server can fit a pipeline into the same
 * box when it draws the canvas into the page; otherwise the view jumps when the browser refits it.
 */
export const CANVAS_SIZE_COOKIE = "vajra-canvas";

const dimension = z.number().int().min(100).max(10_000);
const cookieValue = z
  .string()
  .regex(/^\d{1,5}x\d{1,5}$/)
  .transform((value) => {
    const [width, height] = value.split("x").map(Number);
    return { width, height };
  })
  .pipe(z.object({ width: dimension, height: dimension }));

/** The remembered size, or the default for a missing or tampered cookie. */
export function canvasSizeFromCookie(value: string | undefined): CanvasSize {
  const parsed = cookieValue.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_CANVAS_SIZE;
}

export function canvasSizeCookie(size: CanvasSize): string {
  return `${CANVAS_SIZE_COOKIE}=${Math.round(size.width)}x${Math.round(size.height)}; path=/; max-age=31536000; samesite=lax`;
}
