import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

/** Serves a fetch-style route handler over real HTTP on a free port, as Next.js would call it. */
export async function serveHandler(handle: (req: Request, url: URL) => Promise<Response>) {
  const server = createServer(async (incoming: IncomingMessage, outgoing) => {
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
    const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
    const request = new Request(url, {
      method: incoming.method ?? "GET",
      headers,
      ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
    } as RequestInit);
    const response = await handle(request, url);
    const body = Buffer.from(await response.arrayBuffer());
    // Answered before reading the whole body (413, 401): drop the rest rather than buffer it, and say
    // so, or a keep-alive client would reuse the closing connection. A fully read request keeps it.
    const unread = !incoming.readableEnded;
    outgoing.writeHead(response.status, { ...Object.fromEntries(response.headers), ...(unread ? { connection: "close" } : {}) });
    outgoing.end(body);
    if (unread) incoming.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
