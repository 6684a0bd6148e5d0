import { env } from "../env";

/**
 * Cross-site request forgery guard for cookie-authenticated requests that change state. A
 * browser attaches the session cookie to requests that another site triggers (form posts,
 * `fetch` with `mode: "no-cors"`, text/plain bodies that skip CORS preflight), but it also says
 * where they came from: `Sec-Fetch-Site` in current browsers, `Origin` on every POST.
 * A request is same-origin when `Sec-Fetch-Site` says so, or, without that header, when `Origin`
 * names this server. Anything else, including neither header, is refused: cookie-authenticated
 * programs should use an API token (`Authorization: Bearer`), which no other site can attach.
 */
export function isSameOriginRequest(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin";
  const origin = headers.get("origin");
  if (origin === null || origin === "null") return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return ownHosts(headers).includes(host);
}

/**
 * The host names this server answers to: the configured NEXTAUTH_URL, and the Host the request
 * was sent to (or the one a reverse proxy forwarded). A page on another site cannot change
 * either on the victim's request without a CORS preflight, which this app never grants.
 */
function ownHosts(headers: Headers): string[] {
  const hosts: string[] = [];
  // env.ts has already checked that a configured NEXTAUTH_URL is a URL.
  if (env.NEXTAUTH_URL) hosts.push(new URL(env.NEXTAUTH_URL).host);
  for (const name of ["host", "x-forwarded-host"]) {
    const value = headers.get(name)?.split(",")[0]?.trim();
    if (value) hosts.push(value);
  }
  return hosts;
}

export const CROSS_SITE_MESSAGE =
  "This request came from another site and was refused. Use Vajra from its own pages, or send an API token (Authorization: Bearer) from programs.";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function changesState(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}
