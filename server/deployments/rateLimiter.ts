import type { Db } from "../db";

/**
 * Token buckets per caller (key id, or `public:<deploymentId>` for public endpoints), kept in
 * PostgreSQL (the ServingRateBucket table) so every web process draws from the same bucket:
 * a key limited to 10 req/s gets 10 req/s in total, however many processes serve it. A bucket
 * holds up to `burst` tokens and refills at `perSecond`; a refused request takes nothing.
 */
export interface BucketLimits {
  perSecond: number;
  burst: number;
}

export class RateLimiter {
  constructor(private readonly db: Db) {}

  /** Takes one token; resolves to 0 when allowed, else the seconds until one is available. */
  async take(id: string, limits: BucketLimits): Promise<number> {
    // One statement, so concurrent requests from any process serialise on the bucket's row lock.
    // The refill is computed on the database's clock (clock_timestamp(), read after the lock is
    // held), so processes on different machines agree on elapsed time.
    const [bucket] = await this.db.$queryRaw<{ tokens: number; allowed: boolean }[]>`
      INSERT INTO "ServingRateBucket" AS b ("id", "tokens", "updatedAt", "allowed")
      VALUES (${id}, ${limits.burst}::float8 - 1, clock_timestamp(), true)
      ON CONFLICT ("id") DO UPDATE SET ("tokens", "allowed", "updatedAt") = (
        SELECT CASE WHEN r.refill >= 1 THEN r.refill - 1 ELSE r.refill END, r.refill >= 1, r.at
        FROM (
          SELECT LEAST(
            ${limits.burst}::float8,
            b."tokens" + GREATEST(0, EXTRACT(EPOCH FROM (c.at - b."updatedAt"))::float8) * ${limits.perSecond}::float8
          ) AS refill, c.at
          FROM (SELECT clock_timestamp() AS at) c
        ) r
      )
      RETURNING "tokens", "allowed"`;
    if (!bucket) throw new Error(`The rate limit bucket "${id}" was not written.`);
    return bucket.allowed ? 0 : (1 - bucket.tokens) / limits.perSecond;
  }
}
