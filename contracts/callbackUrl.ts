/**
 * Where to go after signing in, limited to this site. The value is resolved with the URL parser
 * against a placeholder origin, exactly as the browser will resolve it, so tricks that look like
 * a path but are not (`//evil`, `/\evil`, `/<tab>/evil`, `javascript:`) land on another origin
 * and are dropped. Pure: used by the sign-in pages and by next-auth's redirect callback.
 */
const PLACEHOLDER_ORIGIN = "http://vajra.invalid";

export function safeCallbackUrl(value: string | null | undefined, fallback = "/projects"): string {
  if (!value) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN || !value.startsWith("/")) return fallback;
  // Dot segments can normalise into a leading "//" ("/..//evil"), which would be protocol-relative.
  if (url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * next-auth's redirect callback: absolute URLs on this site (`baseUrl`) and same-site paths are
 * kept, as paths re-rooted on `baseUrl`; everything else goes to the fallback page.
 */
export function sameSiteRedirect(url: string, baseUrl: string, fallback = "/projects"): string {
  const base = new URL(baseUrl);
  let path: string | null = null;
  if (url.startsWith("/")) path = safeCallbackUrl(url, fallback);
  else if (URL.canParse(url) && new URL(url).origin === base.origin) {
    const parsed = new URL(url);
    path = safeCallbackUrl(`${parsed.pathname}${parsed.search}${parsed.hash}`, fallback);
  }
  return new URL(path ?? fallback, base.origin).href;
}
