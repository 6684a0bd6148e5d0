import { DomainError } from "../errors/domainError";
import { CROSS_SITE_MESSAGE } from "../http/sameOrigin";
import type { Identity } from "./requestIdentity";

/** What identifyRequest found: an identity, nobody, or a Bearer token that matches no live token. */
export type RequestIdentity = Identity | null | "invalid-token";

/** The caller's identity, or unauthorized saying what to do about it; for tRPC and REST alike. */
export function requireIdentity(identity: RequestIdentity): Identity {
  if (identity === "invalid-token") throw new DomainError("unauthorized", "This API token is not valid. It may have been revoked.");
  if (identity === null) throw new DomainError("unauthorized", "Sign in to continue.");
  return identity;
}

/**
 * A request that changes state and is authenticated by the session cookie must come from this
 * site (server/http/sameOrigin.ts): otherwise any page the user visits could send it with their
 * cookie. API tokens are exempt, since no other site can attach one.
 */
export function refuseCrossSiteSession(identity: RequestIdentity, request: { changesState: boolean; sameOrigin: boolean }): void {
  const bySession = identity !== null && identity !== "invalid-token" && identity.via === "session";
  if (request.changesState && bySession && !request.sameOrigin) {
    throw new DomainError("forbidden", CROSS_SITE_MESSAGE, { code: "CROSS_SITE_REQUEST" });
  }
}
