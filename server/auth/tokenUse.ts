import type { Db } from "../db";

/**
 * `ApiToken.lastUsedAt` is a hint for the token list ("used 3 minutes ago"), not part of
 * authentication. Writing it on every Bearer request made every read a write, so reads failed
 * whenever writes did (a locked or read-only database) and busy clients wrote constantly. So it
 * is written at most once a minute per token, off the request path, and a failed write is only
 * logged.
 */
export const TOKEN_USE_WRITE_INTERVAL_MS = 60_000;

/** When each token's use was last written, in this process; several processes each write at most once a minute. */
const lastWritten = new Map<string, number>();

export function recordTokenUse(db: Db, tokenId: string, now: number = Date.now()): void {
  const last = lastWritten.get(tokenId);
  if (last !== undefined && now - last < TOKEN_USE_WRITE_INTERVAL_MS) return;
  lastWritten.set(tokenId, now);
  forgetStale(now);
  void db.apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: new Date(now) } }).then(
    () => undefined,
    (error: unknown) => console.warn(`Could not record the use of API token ${tokenId}:`, error),
  );
}

/** Entries older than the interval no longer throttle anything; dropping them bounds the map by recent tokens. */
function forgetStale(now: number): void {
  if (lastWritten.size < 10_000) return;
  for (const [id, at] of lastWritten) if (now - at >= TOKEN_USE_WRITE_INTERVAL_MS) lastWritten.delete(id);
}
