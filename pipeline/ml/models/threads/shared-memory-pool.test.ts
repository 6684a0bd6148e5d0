import { describe, expect, it } from "vitest";
import { SharedMemoryPool } from "./shared-memory-pool";

describe("SharedMemoryPool", () => {
  it("gives a later fit the buffers of the sizes the last fit used, zero-filled, and lets go of the rest", () => {
    let created = 0;
    const pool = new SharedMemoryPool((bytes) => (created++, new SharedArrayBuffer(bytes)));
    const first = pool.take(64);
    const other = pool.take(32);
    const second = pool.take(64);
    expect(second).not.toBe(first);
    new Uint8Array(first).fill(7);
    new Uint8Array(second).fill(7);
    pool.settle();

    const again = [pool.take(64), pool.take(64)];
    expect(again).toContain(first);
    expect(again).toContain(second);
    for (const buffer of again) expect(new Uint8Array(buffer).every((byte) => byte === 0)).toBe(true);
    expect(created).toBe(3);
    pool.settle();

    // The 32-byte buffer was not used by the second fit, so it is gone.
    expect(pool.take(32)).not.toBe(other);
    expect(created).toBe(4);
    pool.settle();
  });
});
