/** The cookies of a request as a name → value record (the Cookie header, decoded). */
export function parseCookies(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      cookies[part.slice(0, eq).trim()] = decodeURIComponent(raw);
    } catch {
      cookies[part.slice(0, eq).trim()] = raw; // a stray "%" must not fail the request
    }
  }
  return cookies;
}
