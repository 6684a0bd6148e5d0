/**
 * A Content-Disposition that downloads as `fileName`: an ASCII fallback (quotes, backslashes and
 * non-ASCII replaced) for old clients, and the exact name in RFC 5987 form for the rest.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
