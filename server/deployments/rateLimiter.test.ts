import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { RateLimiter } = await import("./rateLimiter");

const limiter = new RateLimiter(db);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tokensOf = async (id: string) => (await db.servingRateBucket.findUniqueOrThrow({ where: { id } })).tokens;

describe("the shared token bucket (PostgreSQL)", () => {
  it("allows a burst, then refuses with the seconds until the next token", async () => {
    const limits = { perSecond: 0.5, burst: 3 };
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push(await limiter.take("burst", limits));
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    // An empty bucket at 0.5 tokens/s: two seconds, less the time these calls took.
    expect(waits[3]).toBeGreaterThan(1.5);
    expect(waits[3]).toBeLessThanOrEqual(2);
  });

  it("refills at the rate, up to the burst", async () => {
    const limits = { perSecond: 4, burst: 2 };
    expect([await limiter.take("refill", limits), await limiter.take("refill", limits)]).toEqual([0, 0]);
    expect(await limiter.take("refill", limits)).toBeGreaterThan(0);
    await sleep(600); // 2.4 tokens' worth, capped at the burst of 2
    expect([await limiter.take("refill", limits), await limiter.take("refill", limits)]).toEqual([0, 0]);
    expect(await limiter.take("refill", limits)).toBeGreaterThan(0);
  });

  it("a refused request consumes nothing", async () => {
    const limits = { perSecond: 1, burst: 1 };
    expect(await limiter.take("refused", limits)).toBe(0);
    const first = await limiter.take("refused", limits);
    const later = [];
    for (let i = 0; i < 5; i++) later.push(await limiter.take("refused", limits));
    // Each refusal waits for the same token (a little less each time), never for one more.
    expect(first).toBeGreaterThan(0.5);
    expect(first).toBeLessThanOrEqual(1);
    for (const wait of later) expect(wait).toBeLessThanOrEqual(first);
    expect(await tokensOf("refused")).toBeGreaterThanOrEqual(0);
  });

  it("two limiters share one bucket per caller, and callers have separate buckets", async () => {
    const limits = { perSecond: 0.01, burst: 4 };
    const a = new RateLimiter(db);
    const b = new RateLimiter(db);
    const waits = [await a.take("shared", limits), await b.take("shared", limits), await a.take("shared", limits), await b.take("shared", limits)];
    expect(waits).toEqual([0, 0, 0, 0]);
    expect(await a.take("shared", limits)).toBeGreaterThan(0);
    expect(await b.take("shared", limits)).toBeGreaterThan(0);
    expect(await a.take("someone else", limits)).toBe(0);
  });

  it("hands out exactly the burst to concurrent requests", async () => {
    const limits = { perSecond: 0.01, burst: 10 };
    const limiters = [new RateLimiter(db), new RateLimiter(db)];
    const waits = await Promise.all(Array.from({ length: 40 }, (_, i) => limiters[i % 2]!.take("concurrent", limits)));
    expect(waits.filter((w) => w === 0)).toHaveLength(10);
    expect(await tokensOf("concurrent")).toBeGreaterThanOrEqual(0);
    expect(await tokensOf("concurrent")).toBeLessThan(1);
  });

  it("leases a busy key's tokens to each process in blocks, and the processes together still get no more than the limit", async () => {
    const limits = { perSecond: 400, burst: 40 };
    const limiters = [new RateLimiter(db), new RateLimiter(db)];
    let allowed = 0;
    let asked = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        while (performance.now() - started < 1000) {
          asked++;
          if ((await limiters[i % 2]!.take("leased", limits)) === 0) allowed++;
          else await sleep(5);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    expect(allowed).toBeLessThanOrEqual(limits.burst + limits.perSecond * seconds + 1);
    // Blocks of 20 (50 ms' worth): far fewer round trips than requests, without starving the key.
    expect(allowed).toBeGreaterThan(limits.perSecond * seconds * 0.5);
    expect(asked).toBeGreaterThanOrEqual(allowed);
  });

  it("takes a block of 50 ms' worth from the shared bucket at once, and serves the next requests from it", async () => {
    const limiter = new RateLimiter(db);
    expect(await limiter.take("block", { perSecond: 400, burst: 40 })).toBe(0);
    expect(await db.servingRateBucket.findUniqueOrThrow({ where: { id: "block" } })).toMatchObject({ granted: 20, tokens: 20 });
    for (let i = 0; i < 19; i++) expect(await limiter.take("block", { perSecond: 400, burst: 40 })).toBe(0);
    // Nineteen more requests, no more tokens drawn (the bucket has only refilled since).
    expect((await db.servingRateBucket.findUniqueOrThrow({ where: { id: "block" } })).granted).toBe(20);
  });
});
