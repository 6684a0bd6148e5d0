import { z } from "zod";

// Schemas of what model threads are sent. z.custom keeps the arrays' buffer type open: they
// arrive on SharedArrayBuffers.
export const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, "expected a Uint8Array");
export const int32s = z.custom<Int32Array>((value) => value instanceof Int32Array, "expected an Int32Array");
export const float32s = z.custom<Float32Array>((value) => value instanceof Float32Array, "expected a Float32Array");
export const float64s = z.custom<Float64Array>((value) => value instanceof Float64Array, "expected a Float64Array");
export const sharedBuffer = z.custom<SharedArrayBuffer>((value) => value instanceof SharedArrayBuffer, "expected a SharedArrayBuffer");

export const taskSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("classification"), classes: z.number().int().min(2) }),
  z.object({ kind: z.literal("regression") }),
]);
