/**
 * Refuses a request whose declared body is larger than `maxBytes` before it is read.
 * Requests without Content-Length (chunked) are bounded by the platform's own limit.
 */
export function rejectOversizedBody(req: Request, maxBytes: number): Response | null {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (!Number.isFinite(declared) || declared <= maxBytes) return null;
  return Response.json(
    { error: { code: "PAYLOAD_TOO_LARGE", message: `Request body is ${declared} bytes; the limit is ${maxBytes}.` } },
    { status: 413 },
  );
}
