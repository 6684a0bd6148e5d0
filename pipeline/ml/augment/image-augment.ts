import { z } from "zod";
import { SeededRandom } from "../models/random";
import { gaussian } from "./gaussian-noise";

export const imageAugmentParamsSchema = z.object({
  height: z.number().int().min(1),
  width: z.number().int().min(1),
  flipHorizontal: z.boolean().default(false).describe("Mirror left-right with probability ½ (off for digits and text)"),
  maxRotationDegrees: z.number().min(0).max(45).default(10),
  interpolation: z.enum(["nearest", "bilinear"]).default("bilinear"),
  maxShift: z.number().int().min(0).max(16).default(1).describe("Pixels shifted at most in each direction"),
  maxBrightness: z.number().min(0).max(1).default(0.1).describe("Brightness change as a share of the pixel range"),
  noise: z.number().min(0).max(1).default(0).describe("Gaussian pixel noise, as a share of the pixel range"),
  /** Pixel range, for brightness/noise scale and clipping, e.g. [0, 16] for digits or [0, 255]. */
  range: z.tuple([z.number(), z.number()]).default([0, 255]),
});
export type ImageAugmentParams = z.input<typeof imageAugmentParamsSchema>;

/** Mirrors a row-major height × width grayscale image left to right. */
export function flipHorizontal(pixels: Float64Array, height: number, width: number): Float64Array {
  const out = new Float64Array(pixels.length);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = pixels[y * width + (width - 1 - x)]!;
  return out;
}

/**
 * Rotates by `degrees` (counter-clockwise) about the image centre and shifts by (dx, dy)
 * pixels, by inverse mapping: each output pixel samples the source point that lands on it;
 * points outside the source read as `background`.
 */
export function rotateAndShift(
  pixels: Float64Array,
  height: number,
  width: number,
  degrees: number,
  dx: number,
  dy: number,
  interpolation: "nearest" | "bilinear",
  background: number,
): Float64Array {
  const out = new Float64Array(pixels.length);
  const theta = (degrees * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= width || y >= height ? background : pixels[y * width + x]!);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x - dx - cx;
      const v = y - dy - cy;
      // Inverse rotation; image y grows downwards, so counter-clockwise on screen flips sin's sign.
      const sx = cos * u - sin * v + cx;
      const sy = sin * u + cos * v + cy;
      if (interpolation === "nearest") {
        out[y * width + x] = at(Math.round(sx), Math.round(sy));
      } else {
        const x0 = Math.floor(sx);
        const y0 = Math.floor(sy);
        const fx = sx - x0;
        const fy = sy - y0;
        out[y * width + x] = (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
      }
    }
  }
  return out;
}

/** A randomly flipped, rotated, shifted, brightened and noised copy of one image. */
export function augmentImage(pixels: Float64Array, paramsInput: ImageAugmentParams, rng: SeededRandom): Float64Array {
  const p = imageAugmentParamsSchema.parse(paramsInput);
  if (pixels.length !== p.height * p.width) throw new Error(`Image has ${pixels.length} pixels; expected ${p.height} × ${p.width}`);
  const [low, high] = p.range;
  const span = high - low;
  let image = p.flipHorizontal && rng.next() < 0.5 ? flipHorizontal(pixels, p.height, p.width) : pixels;
  const degrees = (rng.next() * 2 - 1) * p.maxRotationDegrees;
  const dx = rng.int(2 * p.maxShift + 1) - p.maxShift;
  const dy = rng.int(2 * p.maxShift + 1) - p.maxShift;
  if (degrees !== 0 || dx !== 0 || dy !== 0) image = rotateAndShift(image, p.height, p.width, degrees, dx, dy, p.interpolation, low);
  const brightness = (rng.next() * 2 - 1) * p.maxBrightness * span;
  return image.map((v) => Math.min(high, Math.max(low, v + brightness + (p.noise > 0 ? gaussian(rng) * p.noise * span : 0))));
}
