import { getToken } from "next-auth/jwt";
import type { Db } from "../db";
import { authSecret } from "../env";
import { prefixOf, secretMatches } from "./secretToken";

export interface Identity {
  userId: string;
  via: "session" | "token";
}

function parseCookies(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) cookies[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return cookies;
}

async function identityFromApiToken(db: Db, token: string): Promise<Identity | null> {
  const candidates = await db.apiToken.findMany({ where: { prefix: prefixOf(token), revokedAt: null } });
  const match = candidates.find((c) => secretMatches(token, c.tokenHash));
  if (!match) return null;
  await db.apiToken.update({ where: { id: match.id }, data: { lastUsedAt: new Date() } });
  return { userId: match.userId, via: "token" };
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
  const jwt = await getToken({
    req: { cookies: parseCookies(headers.get("cookie")), headers: {} } as Parameters<typeof getToken>[0]["req"],
    secret: authSecret,
  });
  if (!jwt?.sub) return null;
  const user = await db.user.findUnique({ where: { id: jwt.sub }, select: { id: true } });
  return user ? { userId: user.id, via: "session" } : null;
}
