import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Bearer secrets (API tokens, share links): 256 random bits, shown once, stored
 * only as a SHA-256 hash. A fast hash is right here because the secret itself has
 * full entropy; password-style stretching would add nothing.
 */
export interface IssuedSecret {
  token: string;
  hash: string;
  prefix: string;
}

export function issueSecret(kind: "vjr" | "share" | "vjd"): IssuedSecret {
  const token = `${kind}_${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashSecret(token), prefix: prefixOf(token) };
}

/** The non-secret lead of a token ("vjr_AbC123"): shown in lists and used to find candidates. */
export function prefixOf(token: string): string {
  return token.slice(0, token.indexOf("_") + 7);
}

export function hashSecret(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Constant-time comparison of a presented token against a stored hash. */
export function secretMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
