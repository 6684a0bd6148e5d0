/**
 * The address a request came from, for per-address throttles. Route handlers do not see the
 * socket, so this reads X-Forwarded-For: Next.js sets it to the socket address when absent, and a
 * reverse proxy appends the address it saw, so the rightmost entry is the one nobody upstream of
 * us could choose. (Served directly, a client can send its own X-Forwarded-For and pick its
 * bucket; per-account throttles still hold. Production runs behind a proxy that appends it.)
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .at(-1);
  return last ?? headers.get("x-real-ip")?.trim() ?? "unknown";
}
