/**
 * Token buckets per caller (key id, or client address for public endpoints), in this
 * process's memory: a bucket holds up to `burst` tokens and refills at `perSecond`.
 * Several web servers each enforce the limit separately, which is an accepted
 * over-allowance until a shared store (Redis) exists.
 */
export interface BucketLimits {
  perSecond: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const MAX_BUCKETS = 100_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(id: string, limits: BucketLimits): number {
    const now = this.now();
    const bucket = this.buckets.get(id) ?? { tokens: limits.burst, updatedAt: now };
    bucket.tokens = Math.min(limits.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * limits.perSecond);
    bucket.updatedAt = now;
    if (this.buckets.size >= MAX_BUCKETS && !this.buckets.has(id)) this.buckets.clear();
    this.buckets.set(id, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / limits.perSecond;
  }
}

export const servingRateLimiter = new RateLimiter();
