import "server-only";
import { getToken } from "next-auth/jwt";
import type { Db } from "../db";
import { authSecret } from "../env";
import { parseCookies } from "../http/cookies";
import { prefixOf, secretMatches } from "./secretToken";
import { sessionIsLive } from "./sessions";
import { recordTokenUse } from "./tokenUse";

/**
 * Who is calling and how they proved it. The proof matters beyond the user id: only a
 * browser session may mint API tokens, and only a session can be signed out.
 */
export type Identity = { userId: string; via: "session"; sessionId: string } | { userId: string; via: "token"; tokenId: string };

async function identityFromApiToken(db: Db, token: string): Promise<Identity | null> {
  const candidates = await db.apiToken.findMany({ where: { prefix: prefixOf(token), revokedAt: null } });
  const match = candidates.find((c) => secretMatches(token, c.tokenHash));
  if (!match) return null;
  recordTokenUse(db, match.id);
  return { userId: match.userId, via: "token", tokenId: match.id };
}

/**
 * Who is calling: an `Authorization: Bearer <api token>` header wins, else the
 * next-auth session cookie. A bearer header that matches no live token is an
 * error rather than a silent fall-back to the cookie.
 */
export async function identifyRequest(db: Db, headers: Headers): Promise<Identity | null | "invalid-token"> {
  const authorization = headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    return (await identityFromApiToken(db, authorization.slice(7).trim())) ?? "invalid-token";
  }
  const cookies = parseCookies(headers.get("cookie"));
  const jwt = await getToken({
    req: { cookies, headers: {} } as Parameters<typeof getToken>[0]["req"],
    secret: authSecret,
    // next-auth names the cookie `__Secure-…` when it was set over https (NEXTAUTH_URL or a trusted proxy's https).
    secureCookie: Object.keys(cookies).some((name) => name.startsWith("__Secure-next-auth.session-token")),
  });
  // A cookie without a session id predates server-side sessions, and one whose session row is gone
  // was signed out or revoked: both are treated as no session at all.
  if (!jwt?.sub || typeof jwt.sid !== "string") return null;
  if (!(await sessionIsLive(db, jwt.sid, jwt.sub))) return null;
  return { userId: jwt.sub, via: "session", sessionId: jwt.sid };
}
