import type { Db } from "../db";

/**
 * Token buckets per caller (key id, or `public:<deploymentId>` for public endpoints), kept in
 * PostgreSQL (the ServingRateBucket table) so every web process draws from the same bucket:
 * a key limited to 10 req/s gets 10 req/s in total, however many processes serve it. A bucket
 * holds up to `burst` tokens and refills at `perSecond`; a refused request takes nothing.
 *
 * A busy key would make every request of every process queue on the bucket's row (measured: p50 4 ms
 * alone, 13 ms with 8 in flight), so a process leases up to LEASE_SECONDS' worth of tokens at once and
 * spends them locally. Leased tokens were in the shared bucket, so the total never exceeds the limit;
 * ones not spent within LEASE_TTL_MS are dropped, so a process never hoards them. At 20 req/s or less a
 * lease is one token: each request asks the database, exactly as without leases.
 */
export interface BucketLimits {
  perSecond: number;
  burst: number;
}

const LEASE_SECONDS = 0.05;
const LEASE_TTL_MS = 100;

interface Lease {
  tokens: number;
  expiresAt: number;
  /** The limits the tokens were leased under: changed limits void them (a lowered limit applies at once). */
  limits: BucketLimits;
  /** The database round trip in flight for this caller: concurrent requests wait for it rather than each asking. */
  refill: Promise<number> | null;
}

export class RateLimiter {
  private readonly leases = new Map<string, Lease>();

  constructor(private readonly db: Db) {}

  /** Takes one token; resolves to 0 when allowed, else the seconds until one is available. */
  async take(id: string, limits: BucketLimits): Promise<number> {
    let lease = this.leases.get(id);
    if (lease === undefined || lease.limits.perSecond !== limits.perSecond || lease.limits.burst !== limits.burst) {
      lease = { tokens: 0, expiresAt: 0, limits, refill: null };
      this.leases.set(id, lease);
    }
    for (;;) {
      if (lease.tokens > 0 && performance.now() < lease.expiresAt) {
        lease.tokens--;
        return 0;
      }
      let refill = lease.refill;
      if (refill === null) {
        const size = Math.max(1, Math.min(Math.floor(limits.burst), Math.floor(limits.perSecond * LEASE_SECONDS)));
        const current = lease;
        refill = current.refill = this.lease(id, limits, size).then(({ granted, wait }) => {
          current.tokens = granted;
          current.expiresAt = performance.now() + LEASE_TTL_MS;
          return wait;
        });
        refill.finally(() => (current.refill = null)).catch(() => undefined);
      }
      const wait = await refill;
      // Refused for everyone waiting on that round trip; granted: take one of the fresh tokens (or ask again).
      if (wait > 0) return wait;
    }
  }

  /** Up to `count` tokens from the shared bucket: how many it gave, and when none, the seconds until one. */
  private async lease(id: string, limits: BucketLimits, count: number): Promise<{ granted: number; wait: number }> {
    // One statement, so concurrent requests from any process serialise on the bucket's row lock.
    // The refill is computed on the database's clock (clock_timestamp(), read after the lock is
    // held), so processes on different machines agree on elapsed time.
    const [bucket] = await this.db.$queryRaw<{ tokens: number; granted: number }[]>`
      INSERT INTO "ServingRateBucket" AS b ("id", "tokens", "updatedAt", "granted")
      VALUES (${id}, ${limits.burst}::float8 - LEAST(${count}::int, floor(${limits.burst}::float8)), clock_timestamp(),
              LEAST(${count}::int, floor(${limits.burst}::float8))::int)
      ON CONFLICT ("id") DO UPDATE SET ("tokens", "granted", "updatedAt") = (
        SELECT r.refill - LEAST(${count}::int, floor(r.refill)), LEAST(${count}::int, floor(r.refill))::int, r.at
        FROM (
          SELECT LEAST(
            ${limits.burst}::float8,
            b."tokens" + GREATEST(0, EXTRACT(EPOCH FROM (c.at - b."updatedAt"))::float8) * ${limits.perSecond}::float8
          ) AS refill, c.at
          FROM (SELECT clock_timestamp() AS at) c
        ) r
      )
      RETURNING "tokens", "granted"`;
    if (!bucket) throw new Error(`The rate limit bucket "${id}" was not written.`);
    return { granted: bucket.granted, wait: bucket.granted >= 1 ? 0 : (1 - bucket.tokens) / limits.perSecond };
  }
}
