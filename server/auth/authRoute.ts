import type { NextApiRequest, NextApiResponse } from "next";
import NextAuth from "next-auth";
import { z } from "zod";
import { clientAddress } from "../http/clientAddress";
import { parseCookies } from "../http/cookies";
import { readBodyWithin } from "../http/bodyLimit";
import { emailSchema } from "./credentials";
import { authOptions } from "./options";
import { reserveSignInAttempt, TooManyAttemptsError } from "./throttles";

// next-auth's own forms (CSRF token, email, password, callbackUrl) are far below this.
const MAX_AUTH_BODY_BYTES = 16 * 1024;

const formBody = z.record(z.string(), z.string());
type AuthBody = z.infer<typeof formBody>;

async function readAuthBody(req: Request): Promise<AuthBody | undefined | "too-large"> {
  if (req.method !== "POST") return undefined;
  const bytes = await readBodyWithin(req, MAX_AUTH_BODY_BYTES);
  if (bytes === null) return "too-large";
  const text = new TextDecoder().decode(bytes);
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  if (type.includes("application/json")) {
    try {
      const parsed = formBody.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Runs next-auth through its documented (req, res) handler with request and response objects
 * built from the Fetch Request. Unlike its App Router entry, this does not read next/headers,
 * so the same code serves /api/auth in Next.js and over plain HTTP in tests, and it lets the
 * sign-in throttle answer before next-auth spends an scrypt hash.
 */
async function runNextAuth(req: Request, segments: string[], body: AuthBody | undefined): Promise<Response> {
  const url = new URL(req.url);
  const collected = { status: 200, headers: new Headers(), cookies: [] as string[], body: null as string | null };
  const res = {
    status(code: number) {
      collected.status = code;
      return res;
    },
    setHeader(name: string, value: string | string[]) {
      if (name.toLowerCase() === "set-cookie") collected.cookies = Array.isArray(value) ? value : [value];
      else collected.headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      return res;
    },
    getHeader(name: string) {
      return name.toLowerCase() === "set-cookie" ? collected.cookies : (collected.headers.get(name) ?? undefined);
    },
    json(value: unknown) {
      collected.headers.set("Content-Type", "application/json");
      collected.body = JSON.stringify(value);
      return res;
    },
    send(value: unknown) {
      if (typeof value === "string") collected.body = value;
      else if (value !== undefined && value !== null) res.json(value);
      return res;
    },
    end() {
      return res;
    },
  };
  const apiRequest = {
    method: req.method,
    headers: Object.fromEntries(req.headers),
    cookies: parseCookies(req.headers.get("cookie")),
    query: { ...Object.fromEntries(url.searchParams), nextauth: segments },
    body,
  };
  // The pages-router types describe Node's IncomingMessage/ServerResponse; next-auth reads and
  // calls only the members supplied above (see next-auth/next NextAuthApiHandler).
  await NextAuth(apiRequest as unknown as NextApiRequest, res as unknown as NextApiResponse, authOptions);
  const response = new Response(collected.body, { status: collected.status, headers: collected.headers });
  for (const cookie of collected.cookies) response.headers.append("Set-Cookie", cookie);
  return response;
}

/** True when next-auth answered with a new session cookie, i.e. the password was right. */
function startedSession(response: Response): boolean {
  return response.headers.getSetCookie().some((cookie) => /^(__Secure-)?next-auth\.session-token=[^;]/.test(cookie));
}

function tooManyAttempts(req: Request, error: TooManyAttemptsError): Response {
  const errorPage = new URL("/signin?error=TooManyAttempts", req.url).href;
  // `url` keeps next-auth's client (signIn) working; the pages read Retry-After for the message.
  return Response.json(
    { error: { code: "TOO_MANY_REQUESTS", message: error.message }, url: errorPage },
    { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
  );
}

/** /api/auth/*: next-auth, with password sign-in throttled per account and per client address. */
export async function handleAuthRequest(req: Request, segments: string[]): Promise<Response> {
  // next-auth's client logger endpoint writes whatever it is sent into the server log, unauthenticated.
  if (segments[0] === "_log") return new Response(null, { status: 404 });
  const body = await readAuthBody(req);
  if (body === "too-large") return Response.json({ error: { code: "PAYLOAD_TOO_LARGE", message: "The request is too large." } }, { status: 413 });
  const passwordSignIn = req.method === "POST" && segments[0] === "callback" && segments[1] === "credentials";
  if (!passwordSignIn) return runNextAuth(req, segments, body);

  const email = emailSchema.safeParse(body?.email);
  let attempt;
  try {
    attempt = await reserveSignInAttempt(email.success ? email.data : null, clientAddress(req.headers));
  } catch (error) {
    if (error instanceof TooManyAttemptsError) return tooManyAttempts(req, error);
    throw error;
  }
  const response = await runNextAuth(req, segments, body);
  if (startedSession(response)) await attempt.succeeded();
  return response;
}
